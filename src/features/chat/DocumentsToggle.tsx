import { useStore } from 'zustand';
import { useT } from '../../i18n/useT.ts';
import { useChatApp } from './chatContext.ts';

/** "Answer from my documents" for the open conversation; says why when there is no index. */
export function DocumentsToggle() {
  const t = useT();
  const { chat, documents, searchAvailable } = useChatApp();
  const on = useStore(chat, (s) => s.useDocuments);
  const count = useStore(documents, (s) => s.documents.length);
  return (
    <div className="composer-tools">
      <label className="documents-toggle check" data-testid="documents-toggle">
        <input
          type="checkbox"
          checked={on && searchAvailable}
          disabled={!searchAvailable}
          aria-describedby={searchAvailable ? undefined : 'documents-toggle-why'}
          onChange={(event) => chat.getState().setUseDocuments(event.target.checked)}
        />
        {t('chat.useDocuments', { count })}
      </label>
      {!searchAvailable && (
        <span id="documents-toggle-why" className="composer-tools-note">
          {t('chat.useDocumentsNoIndex')}
        </span>
      )}
    </div>
  );
}
