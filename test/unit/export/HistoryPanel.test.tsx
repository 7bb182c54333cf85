// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { HistoryPanel } from '../../../src/features/history/HistoryPanel.tsx';
import { languageStore } from '../../../src/i18n/i18n.ts';
import { createHistoryStore } from '../../../src/stores/historyStore.ts';
import { plainConversation, richConversation, seed } from './support/bundle.ts';
import { MemoryConversations } from './support/fakes.ts';

beforeEach(() => languageStore.setState({ language: 'ko' }));
afterEach(cleanup);

async function mount(currentConversationId?: string) {
  const conversations = new MemoryConversations();
  await seed(conversations, richConversation('c1'));
  await seed(conversations, plainConversation('c2', 40, 2));
  const saved: Array<{ fileName: string; mime: string; content: string }> = [];
  const store = createHistoryStore({
    ports: { conversations },
    download: { save: (fileName, mime, content) => void saved.push({ fileName, mime, content }) },
    language: () => languageStore.getState().language,
    now: () => new Date(2026, 11, 1, 9, 30),
  });
  render(<HistoryPanel store={store} currentConversationId={currentConversationId} />);
  return { conversations, saved, store };
}

describe('HistoryPanel', () => {
  it('exports the open conversation or all of them in the chosen format and says so', async () => {
    const { saved } = await mount('c1');
    fireEvent.click(screen.getByRole('radio', { name: /Markdown/ }));
    fireEvent.click(screen.getByRole('button', { name: '지금 대화 내보내기' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.fileName).toMatch(/^seoyeon-판교-사무실-c1-.*\.md$/);
    expect(await screen.findByRole('status')).toHaveProperty('textContent', expect.stringContaining('대화 1개(메시지 7개)'));

    fireEvent.click(screen.getByRole('radio', { name: /JSON/ }));
    fireEvent.click(screen.getByRole('button', { name: '모든 대화 내보내기' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(JSON.parse(saved[1]!.content).conversations).toHaveLength(2);
  });

  it('cannot export "this conversation" when none is open, and says why', async () => {
    await mount();
    const button = screen.getByRole('button', { name: '지금 대화 내보내기' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe('열려 있는 대화가 없습니다.');
  });

  it('imports a chosen JSON file and reports a refused one in an alert', async () => {
    const { conversations, saved } = await mount();
    fireEvent.click(screen.getByRole('radio', { name: /JSON/ }));
    fireEvent.click(screen.getByRole('button', { name: '모든 대화 내보내기' }));
    await waitFor(() => expect(saved).toHaveLength(1));

    const input = screen.getByLabelText('JSON 파일 선택');
    fireEvent.change(input, { target: { files: [new File([saved[0]!.content], 'backup.json', { type: 'application/json' })] } });
    await waitFor(() => expect(conversations.conversations.size).toBe(4));
    expect(screen.getByRole('status').textContent).toContain('backup.json에서 대화 2개');

    fireEvent.change(input, { target: { files: [new File(['{"format":"x"}'], 'other.json')] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('가져오지 못했습니다. 서연에서 내보낸 파일이 아닙니다.');
    fireEvent.click(screen.getByRole('button', { name: '닫기' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the confirm word in a modal dialog before deleting everything', async () => {
    const { conversations } = await mount('c1');
    const opener = screen.getByRole('button', { name: '모든 기록 삭제…' });
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: '모든 기록을 삭제할까요?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = screen.getByLabelText('계속하려면 “삭제”를 입력하세요');
    expect(document.activeElement).toBe(input);
    const confirm = screen.getByRole('button', { name: '영구 삭제' });
    expect(confirm).toHaveProperty('disabled', true);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(conversations.conversations.size).toBe(2);

    fireEvent.click(opener);
    fireEvent.change(screen.getByLabelText(/삭제/, { selector: 'input' }), { target: { value: '삭 제' } });
    expect(screen.getByRole('button', { name: '영구 삭제' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText(/삭제/, { selector: 'input' }), { target: { value: ' 삭제 ' } });
    fireEvent.click(screen.getByRole('button', { name: '영구 삭제' }));
    await waitFor(() => expect(conversations.conversations.size).toBe(0));
    expect(conversations.messages.size).toBe(0);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('대화 2개, 문서 0개, 호출 기록 0개를 삭제했습니다.'));
  });

  it('keeps Tab inside the dialog', async () => {
    await mount();
    fireEvent.click(screen.getByRole('button', { name: '모든 기록 삭제…' }));
    const dialog = screen.getByRole('dialog');
    const cancel = screen.getByRole('button', { name: '취소' });
    cancel.focus();
    // The confirm button is disabled, so Cancel is the last stop and Tab wraps to the input.
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('textbox'));
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '삭제' } });
    cancel.focus();
    // Now the confirm button is the last stop.
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    screen.getByRole('button', { name: '영구 삭제' }).focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(screen.getByRole('textbox'));
  });

  it('speaks English when the app does', async () => {
    languageStore.setState({ language: 'en' });
    await mount();
    expect(screen.getByRole('heading', { name: 'Conversation history' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete all history…' }));
    expect(screen.getByLabelText('Type “DELETE” to continue')).toBeTruthy();
  });
});
