// CSV/TSV through papaparse, chunk by chunk, into text a model can read: a `Columns:` line, a
// `Rows:` line, then one `column: value | column: value` line per row.
import Papa from 'papaparse';
import { detectLanguage } from '../domain/documents/language.ts';
import { AppError } from '../domain/errors.ts';
import type { ParseProgress } from '../domain/ports.ts';
import type { ParsedDocument } from '../domain/types.ts';
import { decodeText } from './decodeText.ts';

export interface CsvOptions {
  fileName: string;
  /** TSV files are tab-separated by definition; CSV files get their delimiter sniffed. */
  tab?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ParseProgress) => void;
}

/** Characters per papaparse chunk: about 1 MB keeps progress steady and memory flat. */
const CHUNK_CHARS = 1 << 20;

interface StreamedStringConfig extends Papa.ParseConfig<string[]> {
  chunkSize: number;
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
}

const cell = (value: string) => value.replace(/\s*\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

export function parseCsv(bytes: Uint8Array, options: CsvOptions): ParsedDocument {
  const { text: decoded, encoding } = decodeText(bytes, options.fileName);
  if (decoded.trim() === '') throw new AppError('file-empty', { message: `${options.fileName} holds only whitespace` });

  let columns: string[] | undefined;
  const lines: string[] = [];
  let aborted = false;
  const addRow = (row: string[]) => {
    if (!columns) {
      columns = row.map((name, i) => cell(name) || `column ${i + 1}`);
      return;
    }
    const fields: string[] = [];
    row.forEach((value, i) => {
      const text = cell(value);
      if (text) fields.push(`${columns![i] ?? `column ${i + 1}`}: ${text}`);
    });
    if (fields.length > 0) lines.push(fields.join(' | '));
  };

  const config: StreamedStringConfig = {
    header: false,
    skipEmptyLines: 'greedy',
    // An empty delimiter means "guess", among these only.
    delimiter: options.tab ? '\t' : '',
    delimitersToGuess: [',', ';', '\t'],
    chunkSize: CHUNK_CHARS,
    chunk(results, parser) {
      if (options.signal?.aborted) {
        aborted = true;
        parser.abort();
        return;
      }
      for (const row of results.data) addRow(row);
      const done = Math.min(bytes.length, Math.round((results.meta.cursor / decoded.length) * bytes.length));
      options.onProgress?.({ done, total: bytes.length, unit: 'bytes' });
    },
  };
  // A string input is parsed synchronously, one chunk after the other (we already run off the page).
  // papaparse streams strings in chunks as it does files; its types only say so for files.
  Papa.parse(decoded, config);
  if (aborted || options.signal?.aborted) throw new AppError('aborted');
  if (!columns) throw new AppError('file-empty', { message: `${options.fileName} has no rows` });

  const header = [`Columns: ${columns.join(' | ')}`, `Rows: ${lines.length}`];
  const text = [...header, ...lines].join('\n');
  return {
    type: 'csv',
    text,
    language: detectLanguage(text),
    rows: lines.length,
    columns,
    encoding,
  };
}
