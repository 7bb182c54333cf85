import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { languageStore } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import type { DocumentsStore, UploadEntry } from '../../stores/documentsStore.ts';
import { errorKey } from '../chat/errorText.ts';
import { formatBytes, percentOf } from './format.ts';
import { DocumentIcon } from './icons.tsx';
import { ProgressBar } from './ProgressBar.tsx';

interface Props {
  store: DocumentsStore;
  upload: UploadEntry;
  /** After the card's own buttons took it away, so focus has somewhere to go. */
  onGone(): void;
}

/** One file on its way in: stage and progress with Cancel, or why it was refused, or a password prompt. */
export function UploadCard({ store, upload, onGone }: Props) {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  const limit = useStore(store, (s) => s.maxUploadBytes);
  const [password, setPassword] = useState('');
  const ids = { name: useId(), password: useId(), error: useId() };
  const { id, fileName, stage, done, total, running, error, needsPassword } = upload;

  const percent = stage === 'indexing' ? undefined : percentOf(done, total);
  const stageText =
    stage === 'uploading' && done !== undefined && total !== undefined
      ? t('documents.stage.uploading', { done: formatBytes(done, language), total: formatBytes(total, language) })
      : stage === 'parsing' && percent !== undefined
        ? t('documents.stage.parsingPercent', { percent })
        : t(`documents.stage.${stage}`);

  const close = () => {
    store.getState().cancel(id);
    onGone();
  };

  return (
    <li className={`upload-card${error ? ' failed' : ''}`} data-testid="upload-card" data-stage={stage} data-state={running ? 'running' : error ? 'error' : 'idle'} aria-labelledby={ids.name}>
      <div className="upload-head">
        <DocumentIcon />
        <span id={ids.name} className="document-name">
          {fileName}
        </span>
        <span className="document-size">{formatBytes(upload.size, language)}</span>
      </div>
      {running && (
        <>
          <ProgressBar label={t('documents.progressOf', { name: fileName })} value={percent} text={stageText} />
          <div className="upload-foot">
            <span className="upload-stage" aria-hidden="true">
              {stageText}
            </span>
            <button type="button" className="secondary small" aria-label={t('documents.cancelUploadOf', { name: fileName })} onClick={close}>
              {t('documents.cancelUpload')}
            </button>
          </div>
        </>
      )}
      {!running && error && (
        <div className="upload-error" id={ids.error} role="alert">
          <p className="error-text">{t(errorKey(error))}</p>
          {error === 'upload-too-large' && <p className="hint">{t('documents.tooLarge', { size: formatBytes(upload.size, language), limit: formatBytes(limit, language) })}</p>}
        </div>
      )}
      {!running && needsPassword && (
        <form
          className="upload-password"
          onSubmit={(event) => {
            event.preventDefault();
            if (password !== '') void store.getState().retryWithPassword(id, password);
          }}
        >
          <label htmlFor={ids.password}>{t('documents.passwordLabel', { name: fileName })}</label>
          <div className="upload-password-row">
            <input id={ids.password} type="password" autoComplete="off" value={password} aria-describedby={ids.error} onChange={(event) => setPassword(event.target.value)} />
            <button type="submit" className="small" disabled={password === ''}>
              {t('documents.passwordOpen')}
            </button>
          </div>
        </form>
      )}
      {!running && (
        <div className="upload-foot end">
          <button type="button" className="secondary small" aria-label={t('documents.dismissOf', { name: fileName })} onClick={close}>
            {t('documents.dismiss')}
          </button>
        </div>
      )}
    </li>
  );
}
