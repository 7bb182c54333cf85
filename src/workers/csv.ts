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

/** Most cells need no cleaning; checking first keeps a 50 MB table from running regexes per cell. */
function cell(value: string): string {
  const last = value.length - 1;
  const clean =
    value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('|') < 0 &&
    (last < 0 || (value.charCodeAt(0) > 0x20 && value.charCodeAt(last) > 0x20));
  return clean ? value : value.replace(/\s*\r?\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

export function parseCsv(bytes: Uint8Array, options: CsvOptions): ParsedDocument {
  const { text: decoded, encoding } = decodeText(bytes, options.fileName);
  if (decoded.trim() === '') throw new AppError('file-empty', { message: `${options.fileName} holds only whitespace` });

  let columns: string[] | undefined;
  let rows = 0;
  // One joined string per papaparse chunk, from pieces (no per-row strings): half a million row
  // strings alive until the end kept the garbage collector busier than the parse itself.
  const parts: string[] = [];
  let pieces: string[] = [];
  let aborted = false;
  const addRow = (row: string[]) => {
    if (!columns) {
      columns = row.map((name, i) => cell(name) || `column ${i + 1}`);
      return;
    }
    const start = pieces.length;
    for (let i = 0; i < row.length; i++) {
      const text = cell(row[i]!);
      if (!text) continue;
      if (pieces.length > start) pieces.push(' | ');
      pieces.push(columns[i] ?? `column ${i + 1}`, ': ', text);
    }
    // Rows of empty cells (",,,") say nothing.
    if (pieces.length > start) {
      pieces.push('\n');
      rows++;
    }
  };

  const config: StreamedStringConfig = {
    header: false,
    // Whitespace-only rows are dropped by addRow; papaparse's 'greedy' check costs a join per row.
    skipEmptyLines: true,
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
      if (pieces.length > 0) parts.push(pieces.join(''));
      pieces = [];
      const done = Math.min(bytes.length, Math.round((results.meta.cursor / decoded.length) * bytes.length));
      options.onProgress?.({ done, total: bytes.length, unit: 'bytes' });
    },
  };
  // A string input is parsed synchronously, one chunk after the other (we already run off the page).
  // papaparse streams strings in chunks as it does files; its types only say so for files.
  Papa.parse(decoded, config);
  if (aborted || options.signal?.aborted) throw new AppError('aborted');
  if (!columns) throw new AppError('file-empty', { message: `${options.fileName} has no rows` });

  const joined = [`Columns: ${columns.join(' | ')}\nRows: ${rows}\n`, ...parts].join('');
  const text = joined.endsWith('\n') ? joined.slice(0, -1) : joined;
  return {
    type: 'csv',
    text,
    language: detectLanguage(text),
    rows,
    columns,
    encoding,
  };
}
