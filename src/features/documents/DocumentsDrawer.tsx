import { useId } from 'react';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { Modal } from './Modal.tsx';
import type { ModelLabel } from './modelLabel.ts';

interface Props {
  store: DocumentsStore;
  onClose(): void;
  /** Where focus goes when the opener is unknown or gone; by default the DocumentsButton. */
  returnFocus?: (() => HTMLElement | null | undefined) | undefined;
  /** Names a model for "Summary by …"; see DocumentsPanel. */
  modelLabel?: ModelLabel | undefined;
}

/**
 * The documents panel as a sheet from the right (full width on a phone), modal like the other
 * dialogs: focus inside while open, Escape closes, focus back to the opener. Render it only while
 * open: `{open && <DocumentsDrawer store={…} onClose={…} />}`.
 */
const toggleButton = () => document.querySelector<HTMLElement>('[data-testid="documents-open"]');

export function DocumentsDrawer({ store, onClose, returnFocus = toggleButton, modelLabel }: Props) {
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} className="documents-drawer" onClose={onClose} returnFocus={returnFocus} testId="documents-drawer">
      <DocumentsPanel store={store} onClose={onClose} titleId={titleId} modelLabel={modelLabel} />
    </Modal>
  );
}
