// Terms for the local Kendra index. Korean writes many words without spaces and glues particles
// to nouns (서연의, 사무실은), so whole-word matching finds almost nothing; overlapping character
// bigrams of each Hangul run match a noun whatever particle follows it. Han and kana runs are
// treated the same way. Every other letter/digit run is one lowercased word.

export interface TermSpan {
  term: string;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
}

const CJK = String.raw`\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const WORD_CHAR = String.raw`(?:(?![${CJK}])[\p{L}\p{N}])`;
const RUN = new RegExp(String.raw`([${CJK}]+)|(${WORD_CHAR}+(?:['’]${WORD_CHAR}+)?)`, 'gu');
const BIGRAM_ONLY = new RegExp(String.raw`^[${CJK}]+$`, 'u');

// Common English words carry no signal for ranking and would make every document match.
const ENGLISH_STOPWORDS = new Set(
  'a an and are as at be by did do does for from had has have how i in is it its of on or that the their there these this to was were what when where which who why will with you your'.split(
    ' ',
  ),
);

// Bigrams that only come from Korean question words and polite endings. They are dropped from
// queries (not from documents), so "어디에 있나요?" does not ask the index for "디에" or "나요".
const KOREAN_QUESTION_BIGRAMS = new Set([
  '어디', '디에', '디인', '디야', '무엇', '엇인', '엇이', '엇을', '인가', '가요', '나요', '있나', '없나', '는가',
  '습니', '니까', '니다', '입니', '합니', '됩니', '무슨', '언제', '인지', '누구', '구인', '구야', '어떻', '떻게',
  '어떤', '얼마', '마나', '마인', '뭐야', '뭔가', '뭐예', '예요', '에요', '이에', '알려', '려줘', '려주', '주세',
  '세요', '해줘', '해주', '줄래', '까요', '할까', '을까', '를까', '은가', '한가',
]);

export function isBigramScript(term: string): boolean {
  return BIGRAM_ONLY.test(term);
}

export function containsHangul(text: string): boolean {
  return /\p{Script=Hangul}/u.test(text);
}

/** Every term of `text` with where it came from; the basis for both indexing and highlights. */
export function scanTerms(text: string): TermSpan[] {
  const spans: TermSpan[] = [];
  for (const match of text.matchAll(RUN)) {
    const start = match.index;
    const run = match[0];
    if (match[1] !== undefined) {
      const chars = [...run];
      if (chars.length === 1) {
        spans.push({ term: run, start, end: start + run.length });
        continue;
      }
      let offset = start;
      for (let i = 0; i + 1 < chars.length; i++) {
        const first = chars[i]!;
        const pair = first + chars[i + 1]!;
        spans.push({ term: pair, start: offset, end: offset + pair.length });
        offset += first.length;
      }
    } else {
      spans.push({ term: stem(run.normalize('NFKC').toLowerCase().replace(/’/g, "'")), start, end: start + run.length });
    }
  }
  return spans;
}

// Kendra stems English; folding plurals is enough for "employees" to find "employee".
function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Tokenizer handed to MiniSearch for documents and queries. */
export function tokenize(text: string): string[] {
  return scanTerms(text.normalize('NFC')).map((s) => s.term);
}

/** Term filter for indexed text. */
export function processIndexTerm(term: string): string | null {
  return ENGLISH_STOPWORDS.has(term) ? null : term;
}

/**
 * The distinct terms a query asks for. Question-word bigrams and stopwords are dropped unless
 * nothing else is left, so a query is never emptied by the filter.
 */
export function queryTerms(text: string, maxWords = 30): string[] {
  // Kendra reads at most 30 words of a query.
  const words = text.normalize('NFC').split(/\s+/).filter(Boolean).slice(0, maxWords).join(' ');
  const all = [...new Set(tokenize(words))];
  const kept = all.filter((t) => !ENGLISH_STOPWORDS.has(t) && !KOREAN_QUESTION_BIGRAMS.has(t));
  return kept.length > 0 ? kept : all;
}

/**
 * Character ranges of `text` covered by any of `terms`, merged where they touch or overlap, so
 * "서연의" is one highlight rather than the two bigrams 서연 and 연의.
 */
export function highlightRanges(text: string, terms: ReadonlySet<string>): Array<{ start: number; end: number }> {
  const hits = scanTerms(text).filter((s) => terms.has(s.term) || (isBigramScript(s.term) && [...terms].some((t) => t.length === 1 && s.term.startsWith(t))));
  const merged: Array<{ start: number; end: number }> = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit.start <= last.end && isBigramScript(text.slice(hit.start, hit.end))) {
      last.end = Math.max(last.end, hit.end);
    } else {
      merged.push({ start: hit.start, end: hit.end });
    }
  }
  return merged;
}
