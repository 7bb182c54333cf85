// Bytes to text for TXT and CSV: BOM first, then UTF-16 without a BOM by where the zero bytes are,
// then strict UTF-8, then CP949 (Korean Windows and Excel). What decodes in none of them, or only
// into control characters, is binary. The result never starts with a BOM and never holds U+FFFD.
import { AppError } from '../domain/errors.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'euc-kr';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

const SAMPLE_BYTES = 64 * 1024;
/**
 * Share of two-byte units with a zero in one half that marks UTF-16 text with ASCII in it; the
 * other half may hold a few zeros too (Hangul such as 대 U+B300), but far fewer.
 */
const UTF16_ZERO_SHARE = 0.1;
/** More than this share of control characters means the "text" is really binary data. */
const CONTROL_SHARE = 0.01;

function decodeStrict(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    // `euc-kr` is the WHATWG name for CP949 (windows-949) in browsers.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function bomOf(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** ASCII in UTF-16LE is `xx 00`, in UTF-16BE `00 xx`; real UTF-8 and CP949 text has no zero bytes. */
function utf16ByZeros(bytes: Uint8Array): TextEncodingName | undefined {
  const length = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (length < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const units = length / 2;
  if (oddZeros / units >= UTF16_ZERO_SHARE && evenZeros * 3 <= oddZeros) return 'utf-16le';
  if (evenZeros / units >= UTF16_ZERO_SHARE && oddZeros * 3 <= evenZeros) return 'utf-16be';
  return undefined;
}

/**
 * C0 controls other than tab, line feed, vertical tab, form feed and carriage return, DEL, and C1
 * controls (Node's EUC-KR decoder passes unmapped CP949 bytes through as C1).
 */
function controlCount(text: string): { count: number; nul: boolean } {
  let count = 0;
  let nul = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 ? code < 0x09 || (code > 0x0d && code !== 0x1b) : code >= 0x7f && code <= 0x9f) {
      count++;
      if (code === 0) nul = true;
    }
  }
  return { count, nul };
}

/** Binary shows everywhere, so windows spread over a long text are enough (and keep 50 MB fast). */
const WINDOW = 8_192;
const WINDOWS = 64;

function looksLikeText(text: string): boolean {
  let sample = text;
  if (text.length > WINDOW * WINDOWS) {
    const step = Math.floor((text.length - WINDOW) / (WINDOWS - 1));
    sample = Array.from({ length: WINDOWS }, (_, w) => text.slice(w * step, w * step + WINDOW)).join('');
  }
  const { count, nul } = controlCount(sample);
  return !nul && count <= sample.length * CONTROL_SHARE;
}

export function decodeText(bytes: Uint8Array, fileName = 'file'): DecodedText {
  if (bytes.length === 0) throw new AppError('file-empty', { message: `${fileName} is empty` });
  const binary = () => new AppError('file-binary', { message: `${fileName} is not text in UTF-8, UTF-16 or CP949` });

  const bom = bomOf(bytes);
  if (bom) {
    const text = decodeStrict(bytes.subarray(bom.length), bom.encoding);
    if (text === undefined || !looksLikeText(text)) throw binary();
    return { text, encoding: bom.encoding };
  }
  const candidates: TextEncodingName[] = [];
  const utf16 = utf16ByZeros(bytes);
  if (utf16) candidates.push(utf16);
  candidates.push('utf-8', 'euc-kr');
  for (const encoding of candidates) {
    const text = decodeStrict(bytes, encoding);
    if (text !== undefined && looksLikeText(text)) return { text: text.replace(/^\ufeff/, ''), encoding };
  }
  throw binary();
}

/** One line-ending convention for offsets and display. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
