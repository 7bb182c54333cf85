import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/useT.ts';
import type { DocumentsStore } from '../../stores/documentsStore.ts';
import { UploadIcon } from './icons.tsx';
import './documents.css';

interface Props {
  store: DocumentsStore;
  /** After dropped files started uploading, e.g. to open the documents panel where they show. */
  onDropped?: ((files: File[]) => void) | undefined;
  className?: string | undefined;
  children: ReactNode;
}

const carriesFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

/**
 * Wraps any area (the chat pane, the documents panel) so files dropped on it are uploaded. While
 * files are dragged over it an overlay says so. Files dropped just beside a zone would make the
 * browser open them in place of the app, so while a zone is mounted such drops are ignored.
 */
export function DocumentDropZone({ store, onDropped, className, children }: Props) {
  const t = useT();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child the pointer crosses; count them.
  const depth = useRef(0);

  useEffect(() => {
    const ignore = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);

  return (
    <div
      className={`document-drop-zone${dragging ? ' dragging' : ''}${className ? ` ${className}` : ''}`}
      data-testid="document-drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!carriesFiles(event)) return;
        event.stopPropagation();
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        // An inner zone (the panel inside a wrapped chat) takes the drop alone.
        event.preventDefault();
        event.stopPropagation();
        depth.current = 0;
        setDragging(false);
        const files = [...event.dataTransfer.files];
        if (files.length === 0) return;
        for (const file of files) void store.getState().upload(file);
        onDropped?.(files);
      }}
    >
      {children}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <UploadIcon />
          <span>{t('documents.dropHere')}</span>
        </div>
      )}
    </div>
  );
}
