import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';
import { errorKey } from './errorText.ts';

/** Failures that belong to no answer: a question that was not sent, a save that failed. */
export function ChatNoticeBanner() {
  const t = useT();
  const { chat } = useChatApp();
  const notice = useStore(chat, (s) => s.notice);
  if (!notice) return null;
  const reason = t(errorKey(notice.code));
  const text = notice.kind === 'send' ? t('chat.notSent', { reason }) : notice.kind === 'warning' ? t('chat.savedWarning', { reason }) : reason;
  return (
    <div className="chat-notice" role="alert" data-testid="chat-notice" data-code={notice.code}>
      <span>{text}</span>
      <button type="button" className="link-button" onClick={() => chat.getState().dismissNotice()}>
        {t('chat.dismiss')}
      </button>
    </div>
  );
}
