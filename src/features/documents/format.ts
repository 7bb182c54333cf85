// Sizes, counts and encodings worded for the document cards.
import type { Language } from '../../domain/types.ts';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1,536 → "1.5 KB"; binary steps, one decimal below 10 of a unit. */
export function formatBytes(bytes: number, language: Language): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

export function formatCount(count: number, language: Language): string {
  return new Intl.NumberFormat(language).format(count);
}

/** 0–100, or undefined when the total is unknown. */
export function percentOf(done: number | undefined, total: number | undefined): number | undefined {
  if (done === undefined || total === undefined || total <= 0) return undefined;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

// Korean Excel's "ANSI" is CP949, which a euc-kr decoder reads; users know it by either name.
const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'euc-kr': 'CP949',
  cp949: 'CP949',
};

export function encodingName(encoding: string): string {
  return ENCODING_NAMES[encoding.toLowerCase()] ?? encoding.toUpperCase();
}

export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
