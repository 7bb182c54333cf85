import type { ChatNote } from '../../stores/chatStore.ts';
import { useT } from '../../i18n/useT.ts';
import { errorKey } from './errorText.ts';

type ModelListNoteProps = { note: Extract<ChatNote, { kind: 'model-list' }> };

/** The answer to the typed `list models` command: the picker's models, grouped by provider. */
export function ModelListNote({ note }: ModelListNoteProps) {
  const t = useT();
  const count = note.groups.reduce((sum, group) => sum + group.models.length, 0);
  let body;
  if (note.error) body = <p className="error-text">{t('chat.modelListFailed', { reason: t(errorKey(note.error)) })}</p>;
  else if (count === 0) body = <p>{t('chat.modelListEmpty')}</p>;
  else {
    body = (
      <>
        <p className="note-title">{t('chat.modelList', { count })}</p>
        {note.groups.map((group) => (
          <section key={group.provider} className="model-group">
            <h3>{group.provider}</h3>
            <ul>
              {group.models.map((model) => (
                <li key={model.id}>
                  {model.name} <code>{model.id}</code>
                  {model.id !== model.modelId && <span className="muted"> · {t('chat.modelListProfile')}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </>
    );
  }
  return (
    <div className="message from-assistant note" data-testid="model-list">
      <div className="bubble">{body}</div>
    </div>
  );
}
