// Names and types for downloaded export files. Titles become part of the name, so characters that
// some file system refuses are replaced; Hangul stays, since every current OS stores it fine.
import type { ExportFileFormat } from './schema.ts';

export const FILE_TYPES: Readonly<Record<ExportFileFormat, { extension: string; mime: string }>> = {
  markdown: { extension: 'md', mime: 'text/markdown;charset=utf-8' },
  json: { extension: 'json', mime: 'application/json;charset=utf-8' },
  html: { extension: 'html', mime: 'text/html;charset=utf-8' },
};

const MAX_TITLE_CHARS = 60;

function stamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
}

/** `seoyeon-<title>-20261201-0930.md` for one conversation, `seoyeon-history-….md` for several. */
export function exportFileName(format: ExportFileFormat, date: Date, title?: string): string {
  const cleaned = (title ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const name = [...cleaned].slice(0, MAX_TITLE_CHARS).join('') || 'history';
  return `seoyeon-${name}-${stamp(date)}.${FILE_TYPES[format].extension}`;
}
