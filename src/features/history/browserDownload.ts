// Saves a generated file in the browser: a Blob behind an object URL, clicked through a temporary
// <a download>. The URL is revoked a moment later rather than at once, because some browsers start
// reading the Blob only after the click handler has returned.
import type { DownloadPort } from '../../stores/historyStore.ts';

const REVOKE_AFTER_MS = 1000;

export function saveFile(fileName: string, mime: string, content: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

export const browserDownload: DownloadPort = { save: (fileName, mime, content) => saveFile(fileName, mime, content) };
