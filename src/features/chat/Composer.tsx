import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { composerKeyAction } from './composerKeys.ts';

export function Composer() {
  const t = useT();
  const { chat } = useChatApp();
  const draft = useStore(chat, (s) => s.draft);
  const busy = useStore(chat, (s) => s.streaming !== undefined);
  const conversationId = useStore(chat, (s) => s.conversationId);
  const ref = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  // An Enter seen while our own flag still said "composing" although the event did not: some
  // Chromium builds deliver that keydown just before compositionend. It sends once the
  // composition has ended, with the committed syllable in the text.
  const sendAfterComposition = useRef(false);

  useEffect(() => {
    ref.current?.focus();
  }, [conversationId]);

  useLayoutEffect(() => {
    // Grow with the text up to the CSS max-height (then the textarea scrolls); shrink after sending.
    const el = ref.current;
    if (!el) return;
    // An empty box is one row tall without measuring: reading scrollHeight here would force a
    // layout in the very task that sends the question.
    if (draft === '') {
      el.style.height = '';
      return;
    }
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
  }, [draft]);

  const send = () => {
    const el = ref.current;
    // The textarea is the truth at this instant: a syllable committed in this same event turn may
    // not have reached the store yet.
    if (el && el.value !== chat.getState().draft) chat.getState().setDraft(el.value);
    if (chat.getState().streaming) return;
    void chat.getState().send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const action = composerKeyAction(event, composing.current, busy);
    if (action === 'none') return;
    event.preventDefault();
    if (action === 'stop') chat.getState().stop();
    else if (action === 'send') send();
    else sendAfterComposition.current = true;
  };

  return (
    <form
      className="composer"
      aria-label={t('chat.composerLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        send();
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
        data-testid="composer"
        onChange={(event) => chat.getState().setDraft(event.target.value)}
        onCompositionStart={() => {
          composing.current = true;
          sendAfterComposition.current = false;
        }}
        onCompositionEnd={(event) => {
          composing.current = false;
          chat.getState().setDraft(event.currentTarget.value);
          if (!sendAfterComposition.current) return;
          sendAfterComposition.current = false;
          // Let the browser finish the commit (its input event) before reading the text.
          setTimeout(send, 0);
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
