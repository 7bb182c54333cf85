import { useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ExportFileFormat } from '../../domain/export/schema.ts';
import type { HistoryStore } from '../../stores/historyStore.ts';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog.tsx';
import { useHistoryText } from './useHistoryText.ts';
import './history.css';

export interface HistoryPanelProps {
  store: HistoryStore;
  /** The open conversation; without it "export this conversation" is disabled. */
  currentConversationId?: string;
}

const FORMATS: ExportFileFormat[] = ['html', 'markdown', 'json'];

/** Export, import and delete-all, over a history store (see README.md for mounting). */
export function HistoryPanel({ store, currentConversationId }: HistoryPanelProps) {
  const text = useHistoryText();
  const busy = useStore(store, (s) => s.busy);
  const progress = useStore(store, (s) => s.progress);
  const result = useStore(store, (s) => s.result);
  const error = useStore(store, (s) => s.error);
  const [format, setFormat] = useState<ExportFileFormat>('html');
  const [confirming, setConfirming] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), file: useId(), fileHint: useId(), current: useId() };

  const statusRef = useRef<HTMLDivElement>(null);
  const closeDialog = (then: 'cancelled' | 'confirmed') => {
    setConfirming(false);
    // Back to where the user was (or to the progress it started), so keyboard users are not
    // dropped at the top of the page.
    requestAnimationFrame(() => (then === 'cancelled' ? deleteButton.current : statusRef.current)?.focus());
  };

  const status = busy ? (progress ? text.working[progress.step](progress.done, progress.total) : text.working[busy === 'delete' ? 'delete-conversations' : busy](0)) : result ? text.result(result) : '';

  return (
    <section className="history-panel card" aria-labelledby={ids.title} aria-busy={busy !== undefined}>
      <h2 id={ids.title}>{text.title}</h2>
      <p className="muted">{text.intro}</p>

      <h3>{text.exportHeading}</h3>
      <fieldset className="history-formats" disabled={busy !== undefined}>
        <legend>{text.formatLegend}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="history-format">
            <input type="radio" name={`${ids.title}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
            <span>
              <strong>{text.formats[f].label}</strong> <span className="muted">{text.formats[f].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="history-actions">
        <button
          type="button"
          disabled={busy !== undefined || !currentConversationId}
          aria-describedby={currentConversationId ? undefined : ids.current}
          onClick={() => currentConversationId && void store.getState().exportConversation(currentConversationId, format)}
        >
          {text.exportCurrent}
        </button>
        <button type="button" disabled={busy !== undefined} onClick={() => void store.getState().exportAll(format)}>
          {text.exportAll}
        </button>
      </div>
      {!currentConversationId && (
        <p id={ids.current} className="hint">
          {text.exportCurrentNone}
        </p>
      )}

      <h3>{text.importHeading}</h3>
      <p id={ids.fileHint} className="hint">{text.importHint}</p>
      <label className="history-file" htmlFor={ids.file}>
        {text.importChoose}
      </label>
      <input
        id={ids.file}
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-describedby={ids.fileHint}
        disabled={busy !== undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again still fires a change.
          event.target.value = '';
          if (file) void store.getState().importFile(file);
        }}
      />

      <h3>{text.deleteHeading}</h3>
      <p className="hint">{text.deleteHint}</p>
      <button ref={deleteButton} type="button" className="history-danger" disabled={busy !== undefined} onClick={() => setConfirming(true)}>
        {text.deleteOpen}
      </button>

      <div ref={statusRef} tabIndex={-1} className="history-status" role="status" aria-live="polite">
        {status}
        {busy && (
          <button type="button" className="secondary small" onClick={() => store.getState().cancel()}>
            {text.stop}
          </button>
        )}
      </div>
      {error && (
        <div className="history-error error-text" role="alert">
          <p>{text.failure(error)}</p>
          {error.detail && <p className="hint"><code>{error.detail}</code></p>}
          <button type="button" className="secondary small" onClick={() => store.getState().dismiss()}>
            {text.dismiss}
          </button>
        </div>
      )}

      {confirming && (
        <ConfirmDeleteDialog
          text={text}
          onCancel={() => closeDialog('cancelled')}
          onConfirm={() => {
            closeDialog('confirmed');
            void store.getState().deleteAll();
          }}
        />
      )}
    </section>
  );
}
