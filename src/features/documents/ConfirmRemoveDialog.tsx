import { useId } from 'react';
import type { DocumentRecord } from '../../domain/types.ts';
import { useT } from '../../i18n/useT.ts';
import { Modal } from './Modal.tsx';

interface Props {
  document: DocumentRecord;
  /** The index copy is removed too; the text says so. */
  indexed: boolean;
  onConfirm(): void;
  onCancel(): void;
  returnFocus(): HTMLElement | null | undefined;
}

/** Asks once before a document is deleted; Cancel has focus, so Enter by habit deletes nothing. */
export function ConfirmRemoveDialog({ document, indexed, onConfirm, onCancel, returnFocus }: Props) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  return (
    <Modal labelledBy={titleId} describedBy={bodyId} className="confirm-dialog" onClose={onCancel} returnFocus={returnFocus} testId="confirm-remove">
      <h2 id={titleId}>{t('documents.deleteTitle')}</h2>
      <p id={bodyId}>{t(indexed ? 'documents.deleteBodyIndex' : 'documents.deleteBody', { name: document.fileName })}</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" data-autofocus onClick={onCancel}>
          {t('documents.cancel')}
        </button>
        <button type="button" className="danger-button" onClick={onConfirm}>
          {t('documents.deleteConfirm')}
        </button>
      </div>
    </Modal>
  );
}
