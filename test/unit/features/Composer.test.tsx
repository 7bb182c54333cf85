// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { ChatAppContext } from '../../../src/features/chat/chatContext.ts';
import { Composer } from '../../../src/features/chat/Composer.tsx';
import { makeChatApp } from './chatApp.ts';

afterEach(cleanup);

function setup() {
  const app = makeChatApp();
  const sent: string[] = [];
  app.chat.setState({
    send: vi.fn(async () => {
      sent.push(app.chat.getState().draft);
      app.chat.getState().setDraft('');
    }),
  });
  const view = render(
    <ChatAppContext.Provider value={app.app}>
      <Composer />
    </ChatAppContext.Provider>,
  );
  const box = view.container.querySelector('textarea')!;
  return { app, sent, box };
}

const enter = (box: HTMLTextAreaElement, init: { isComposing?: boolean; keyCode?: number; shiftKey?: boolean } = {}) =>
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13, ...init });

describe('the composer and the IME', () => {
  it('an Enter that arrives before compositionend sends once, after the commit, with the last syllable', async () => {
    vi.useFakeTimers();
    const { sent, box } = setup();
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: '안녕하세' } });
    enter(box);
    expect(sent).toEqual([]);
    fireEvent.change(box, { target: { value: '안녕하세요' } });
    fireEvent.compositionEnd(box, { data: '요' });
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(sent).toEqual(['안녕하세요']);
    vi.useRealTimers();
  });

  it('an Enter flagged as composing confirms only; a plain Enter afterwards sends the text once', () => {
    const { sent, box } = setup();
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'にほんご' } });
    enter(box, { isComposing: true, keyCode: 229 });
    fireEvent.compositionEnd(box, { data: 'にほんご' });
    expect(sent).toEqual([]);
    enter(box);
    expect(sent).toEqual(['にほんご']);
  });

  it('Shift+Enter does not send', () => {
    const { sent, box } = setup();
    fireEvent.change(box, { target: { value: '첫 줄' } });
    enter(box, { shiftKey: true });
    expect(sent).toEqual([]);
  });
});
