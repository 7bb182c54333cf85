// Which language a document or a question is in, for prompts and Kendra's `_language_code`.
// Only Korean and English matter to the app, so this counts Hangul against Latin letters.
import type { Language } from '../types.ts';

/** A Korean text with English terms in it is still Korean: Hangul carries more per character. */
const KOREAN_SHARE = 0.2;
/** Long texts are sampled in windows spread over the whole text, not only from its start. */
const WINDOW = 4_096;
const WINDOWS = 32;

function isHangul(code: number): boolean {
  return (
    (code >= 0xac00 && code <= 0xd7a3) || // syllables
    (code >= 0x1100 && code <= 0x11ff) || // jamo
    (code >= 0x3130 && code <= 0x318f) // compatibility jamo
  );
}

function isLatin(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) // Latin-1 and Extended-A/B letters
  );
}

function count(text: string, from: number, to: number, totals: { hangul: number; latin: number }): void {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isHangul(code)) totals.hangul++;
    else if (isLatin(code)) totals.latin++;
  }
}

/**
 * 'ko' when Hangul is a meaningful share of the letters, else 'en'. A text with no letters at all
 * (numbers, punctuation) gets `fallback`.
 */
export function detectLanguage(text: string, fallback: Language = 'en'): Language {
  const totals = { hangul: 0, latin: 0 };
  if (text.length <= WINDOW * WINDOWS) {
    count(text, 0, text.length, totals);
  } else {
    const step = Math.floor((text.length - WINDOW) / (WINDOWS - 1));
    for (let w = 0; w < WINDOWS; w++) count(text, w * step, w * step + WINDOW, totals);
  }
  const letters = totals.hangul + totals.latin;
  if (letters === 0) return fallback;
  return totals.hangul / letters >= KOREAN_SHARE ? 'ko' : 'en';
}
