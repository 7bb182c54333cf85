// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Message } from '../../../src/domain/types.ts';
import { ChatAppContext } from '../../../src/features/chat/chatContext.ts';
import { DocumentsToggle } from '../../../src/features/chat/DocumentsToggle.tsx';
import { MessageItem } from '../../../src/features/chat/MessageItem.tsx';
import { languageStore } from '../../../src/i18n/i18n.ts';
import { makeChatApp } from './chatApp.ts';

afterEach(cleanup);

const answer = (extra: Partial<Message>): Message => ({
  id: 'm1',
  conversationId: 'c1',
  role: 'assistant',
  text: '연차는 15일입니다 [1].',
  status: 'complete',
  createdAt: '2026-11-21T00:00:00.000Z',
  ...extra,
});

function show(message: Message, options: { searchAvailable?: boolean } = {}) {
  languageStore.getState().setLanguage('ko');
  const t = makeChatApp(options);
  const openOriginal = vi.spyOn(t.documents.getState(), 'openOriginal').mockImplementation(() => undefined);
  t.documents.setState({ openOriginal });
  render(
    <ChatAppContext.Provider value={t.app}>
      <MessageItem message={message} />
      <DocumentsToggle />
    </ChatAppContext.Provider>,
  );
  return { ...t, openOriginal };
}

describe('answers from documents', () => {
  it('lists the cited documents with their page and opens the original from the list', () => {
    const t = show(answer({ retrieval: 'grounded', citations: [{ index: 1, documentId: 'doc-1', title: '취업규칙.pdf', page: 3, excerpt: '연차 휴가는 15일' }] }));
    const sources = screen.getByTestId('sources');
    expect(sources.textContent).toContain('출처 (1)');
    expect(sources.textContent).toContain('취업규칙.pdf');
    expect(sources.textContent).toContain('3쪽');
    fireEvent.click(screen.getByTestId('source-open'));
    expect(t.openOriginal).toHaveBeenCalledWith('doc-1');
  });

  it('hides the sources of every answer with one toggle, remembered in the settings', () => {
    const t = show(answer({ retrieval: 'grounded', citations: [{ index: 1, documentId: 'doc-1', title: '취업규칙.pdf' }] }));
    fireEvent.click(screen.getByTestId('sources-toggle'));
    expect(screen.queryAllByTestId('source')).toHaveLength(0);
    expect(t.settings.getState().settings.showSources).toBe(false);
    expect(screen.getByTestId('sources-toggle').textContent).toBe('출처 보기');
  });

  it('says when the documents held nothing relevant, and marks a posted summary with its file', () => {
    show(answer({ retrieval: 'no-passages', text: '일반 답' }));
    expect(screen.getByTestId('retrieval-note').textContent).toContain('찾지 못해');
    cleanup();
    show(answer({ text: '- 요약', document: { id: 'doc-1', fileName: '취업규칙.pdf' } }));
    expect(screen.getByTestId('summary-label').textContent).toBe('취업규칙.pdf 요약');
    expect(screen.queryByTestId('sources')).toBeNull();
  });

  it('the toggle turns answering from documents on for the conversation, and is off without an index', () => {
    const t = show(answer({}));
    const box = screen.getByRole('checkbox', { name: /내 문서에서 답하기/ });
    fireEvent.click(box);
    expect(t.chat.getState().useDocuments).toBe(true);
    cleanup();
    show(answer({}), { searchAvailable: false });
    expect(screen.getByRole('checkbox', { name: /내 문서에서 답하기/ })).toHaveProperty('disabled', true);
  });
});
