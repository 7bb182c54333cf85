// Which parser a file goes to, decided by its bytes first and its name second: a PDF renamed .txt
// is still a PDF, and a .pdf that is not one is reported as such instead of being read as text.
import { AppError } from '../domain/errors.ts';

export type SniffedType = 'pdf' | 'csv' | 'tsv' | 'txt';

/** Formats users commonly drop that we do not read, by their leading bytes. */
const BINARY_SIGNATURES: readonly { name: string; bytes: readonly number[]; at?: number }[] = [
  { name: 'zip (docx, xlsx, pptx, hwpx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'Office 97-2003 or HWP', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'RIFF (WebP, WAV, AVI)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'ISO media (MP4, HEIC)', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { name: 'gzip', bytes: [0x1f, 0x8b] },
  { name: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'SQLite', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
  { name: 'Ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'MP3', bytes: [0x49, 0x44, 0x33] },
];

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** PDF readers accept junk before the header; pdf.js looks within the first kilobyte too. */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let at = 0; at <= end; at++) {
    if (bytes[at] === 0x25 && startsWith(bytes, PDF_MAGIC, at)) return true;
  }
  return false;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * PDF by magic; a known binary format is `unsupported-file`; a file named or typed as PDF that is
 * not one is `file-corrupt`; everything else is text, a table when named/typed as CSV or TSV.
 * Whether the text really is text is decodeText's call (`file-binary`).
 */
export function sniffType(bytes: Uint8Array, fileName: string, contentType = ''): SniffedType {
  if (bytes.length === 0) throw new AppError('file-empty', { message: `${fileName} is empty` });
  if (isPdf(bytes)) return 'pdf';
  const extension = extensionOf(fileName);
  const mime = contentType.toLowerCase().split(';')[0]!.trim();
  if (extension === 'pdf' || mime === 'application/pdf') {
    throw new AppError('file-corrupt', { message: `${fileName} is named as a PDF but has no PDF header` });
  }
  const known = BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes, signature.at));
  if (known) throw new AppError('unsupported-file', { message: `${fileName} is a ${known.name} file` });
  if (extension === 'tsv' || mime === 'text/tab-separated-values') return 'tsv';
  if (extension === 'csv' || mime === 'text/csv' || mime === 'application/csv') return 'csv';
  return 'txt';
}
