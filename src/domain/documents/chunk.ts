// Cutting a long text into pieces that each fit a model's input budget. Cuts fall on the widest
// boundary that works: paragraphs, then lines, then sentences, then words, and only as a last
// resort inside a word. Pieces are slices of the original text, so nothing is lost, reordered or
// repeated; only the whitespace at a cut is dropped.
import { estimateTokens } from '../memory.ts';

interface Unit {
  start: number;
  end: number;
  tokens: number;
}

/** Separators from widest to narrowest; each is only used inside a unit that is still too big. */
const BOUNDARIES: readonly RegExp[] = [
  /\n[ \t\r\f\v]*\n\s*/g, // blank line: paragraph
  /\s*\n\s*/g, // line break (CSV rows, PDF lines)
  /(?<=[.!?。！？…])\s+/g, // sentence end
  /\s+/g, // word
];

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Consecutive code points of `text[start, end)` in runs that each stay within `maxTokens`. */
function hardCut(text: string, start: number, end: number, maxTokens: number, out: Unit[]): void {
  let pieceStart = start;
  let latin = 0;
  let other = 0;
  let i = start;
  while (i < end) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const isLatin = code < 0x250;
    const tokens = other + (isLatin ? 0 : 1) + Math.ceil((latin + (isLatin ? 1 : 0)) / 4);
    if (tokens > maxTokens && i > pieceStart) {
      out.push({ start: pieceStart, end: i, tokens: other + Math.ceil(latin / 4) });
      pieceStart = i;
      latin = 0;
      other = 0;
      continue;
    }
    if (isLatin) latin++;
    else other++;
    i += width;
  }
  if (i > pieceStart) out.push({ start: pieceStart, end: i, tokens: other + Math.ceil(latin / 4) });
}

/** Splits `text[start, end)` on the boundary of `level` and keeps going down for pieces still too big. */
function units(text: string, start: number, end: number, level: number, maxTokens: number, out: Unit[]): void {
  const pattern = BOUNDARIES[level];
  if (!pattern) {
    hardCut(text, start, end, maxTokens, out);
    return;
  }
  const part = text.slice(start, end);
  const add = (from: number, to: number) => {
    const range = trimmed(text, start + from, start + to);
    if (range.end <= range.start) return;
    const tokens = estimateTokens(text.slice(range.start, range.end));
    if (tokens <= maxTokens) out.push({ ...range, tokens });
    else units(text, range.start, range.end, level + 1, maxTokens, out);
  };
  let from = 0;
  pattern.lastIndex = 0;
  for (const match of part.matchAll(pattern)) {
    if (match[0] === '') continue;
    add(from, match.index);
    from = match.index + match[0].length;
  }
  add(from, part.length);
}

/**
 * Pieces of `text`, in order, each estimated at no more than `maxTokens` (estimateTokens), each a
 * slice of `text` without whitespace at its ends. Neighbouring small paragraphs share a piece.
 */
export function splitForBudget(text: string, maxTokens: number): string[] {
  if (!(maxTokens >= 1)) throw new RangeError(`maxTokens must be at least 1, got ${maxTokens}`);
  const all: Unit[] = [];
  units(text, 0, text.length, 0, maxTokens, all);
  const chunks: string[] = [];
  let current: Unit | undefined;
  for (const unit of all) {
    if (current) {
      // The whitespace kept between two units inside one piece counts too.
      const joined = current.tokens + estimateTokens(text.slice(current.end, unit.start)) + unit.tokens;
      if (joined <= maxTokens) {
        current = { start: current.start, end: unit.end, tokens: joined };
        continue;
      }
      chunks.push(text.slice(current.start, current.end));
    }
    current = unit;
  }
  if (current) chunks.push(text.slice(current.start, current.end));
  return chunks;
}
