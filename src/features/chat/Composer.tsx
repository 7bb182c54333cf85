import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';

/**
 * Enter sends and Shift+Enter breaks the line, but never while an IME is composing: a Korean
 * syllable is still being built then, and sending would drop or double it.
 */
export function isSendKey(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'nativeEvent'>, composing: boolean): boolean {
  if (event.key !== 'Enter' || event.shiftKey) return false;
  const native = event.nativeEvent as globalThis.KeyboardEvent;
  return !(composing || native.isComposing || native.keyCode === 229);
}

export function Composer() {
  const t = useT();
  const { chat } = useChatApp();
  const draft = useStore(chat, (s) => s.draft);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const conversationId = useStore(chat, (s) => s.conversationId);
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);

  useEffect(() => {
    ref.current?.focus();
  }, [conversationId]);

  useEffect(() => {
    // Grow with the text up to a limit (CSS max-height), shrink back after sending.
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [draft]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && busy) {
      event.preventDefault();
      chat.getState().stop();
      return;
    }
    if (!isSendKey(event, composing.current)) return;
    event.preventDefault();
    if (!busy) void chat.getState().send();
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void chat.getState().send();
      }}
    >
      <label htmlFor="composer-input" className="visually-hidden">
        {t('chat.composerLabel')}
      </label>
      <span id="composer-hint" className="visually-hidden">
        {t('chat.composerHint')}
      </span>
      <textarea
        id="composer-input"
        ref={ref}
        rows={1}
        value={draft}
        placeholder={t('chat.composerPlaceholder')}
        aria-describedby="composer-hint"
        onChange={(event) => chat.getState().setDraft(event.target.value)}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" className="stop-button" onClick={() => chat.getState().stop()}>
          {t('chat.stop')}
        </button>
      ) : (
        <button type="submit" disabled={draft.trim() === ''}>
          {t('chat.send')}
        </button>
      )}
    </form>
  );
}
