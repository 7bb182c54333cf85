// Joins pdf.js text items into lines. pdf.js already merges glyphs drawn one by one and marks line
// ends (hasEOL); this adds what it leaves to us: a line break when the baseline moves without an
// EOL mark, and a space only where there is a visible gap between items on one line — never a
// space between the syllables of a Korean word.

export interface PositionedText {
  str: string;
  hasEOL: boolean;
  /** [a, b, c, d, e, f]: e/f are the start position, d (or a) the font size. */
  transform: number[];
  width: number;
  height: number;
}

/** A gap wider than this share of the font size between two items on one line is a word break. */
const WORD_GAP = 0.25;
/** Baselines closer than this share of the font size are one line. */
const SAME_LINE = 0.5;

function fontSize(item: PositionedText): number {
  const [a = 0, b = 0, , d = 0] = item.transform;
  return Math.max(item.height, Math.hypot(a, b), Math.abs(d), 1);
}

export function joinTextItems(items: readonly PositionedText[]): string {
  let out = '';
  let previous: PositionedText | undefined;
  for (const item of items) {
    if (previous && !previous.hasEOL && item.str !== '' && previous.str !== '') {
      const size = Math.max(fontSize(previous), fontSize(item));
      const [, , , , x0 = 0, y0 = 0] = previous.transform;
      const [, , , , x1 = 0, y1 = 0] = item.transform;
      if (Math.abs(y1 - y0) > size * SAME_LINE) {
        out += '\n';
      } else if (x1 - (x0 + previous.width) > size * WORD_GAP && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += ' ';
      }
    }
    out += item.str;
    if (item.hasEOL) out += '\n';
    if (item.str !== '' || item.hasEOL) previous = item;
  }
  return tidyPage(out);
}

/** Trailing spaces off each line, control characters out, at most one empty line in a row. */
export function tidyPage(text: string): string {
  return stripControls(text)
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** C0 controls except tab and line feed, and DEL: what fonts without a usable ToUnicode leave. */
function stripControls(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
