// Korean-aware lexical similarity for the offline engine: Hangul words lose their particles and
// endings and become syllable bigrams; Latin words become lower-case stems; both drop the
// words a question is made of ("어디", "what") so only its content words are matched.

const HANGUL_WORD = /^[\uac00-\ud7a3]/;
const WORD = /[\uac00-\ud7a3]+|[a-zA-Z]+|[0-9]+(?:\.[0-9]+)?/g;

// Longest first, so "에서는" is stripped before "는".
const SUFFIXES = [
  '했습니다', '었습니다', '았습니다', '입니까', '입니다', '습니다', '합니다', '됩니다', '있나요', '없나요', '인가요', '일까요',
  // The copula in speech ("몇 명이야?", "누구예요?") would otherwise keep an 이 that the text's "명이다" loses.
  '이에요', '이예요', '이었다', '이라서', '이야', '인데', '이지',
  '에서는', '으로는', '에게서', '까지는', '부터는', '이라는', '이라고', '이라면', '에서도', '한테서', '으로서', '으로써',
  '다고', '라고', '냐고', '나요', '까요', '세요', '예요', '에요', '이다', '였다', '었다', '았다', '한다', '된다', '하는', '하고', '해요',
  '에서', '에게', '한테', '으로', '로서', '로써', '까지', '부터', '보다', '처럼', '만큼', '이나', '이랑', '이며', '이고', '에는', '와는', '과는', '이란', '라는', '이요',
  '은', '는', '이', '가', '을', '를', '의', '에', '도', '만', '로', '와', '과', '며', '다', '요', '죠', '고', '서', '야', '지',
];

const KOREAN_STOP = new Set([
  '어디', '무엇', '뭐', '뭔', '언제', '누구', '누가', '어떻', '어떤', '어느', '얼마', '몇', '왜', '무슨',
  '했', '알려', '려주', '주세', '말해', '해주', '설명', '해줘', '줘', '있', '없', '하', '되', '것', '수', '그', '이', '저',
  '정말', '혹시', '좀', '그리', '리고', '그러', '러나', '니까', '습니', '합니', '입니',
]);

const ENGLISH_STOP = new Set(
  ('a an the is are was were be been being am do does did of in on at to for from by with about as into ' +
    'and or but if then than so not no it its this that these those there here what where when who whom whose which why how ' +
    'i me my we our you your he she they them their his her can could would should will shall may might must please tell ' +
    'explain describe know give show say said has have had any some such').split(' '),
);

export function stripKoreanSuffix(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function stemEnglish(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The matchable terms of a text, with repeats. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    if (HANGUL_WORD.test(word)) {
      const stem = stripKoreanSuffix(word);
      if (stem.length === 1) {
        if (!KOREAN_STOP.has(stem)) out.push(stem);
        continue;
      }
      for (let i = 0; i + 1 < stem.length; i += 1) {
        const bigram = stem.slice(i, i + 2);
        if (!KOREAN_STOP.has(bigram)) out.push(bigram);
      }
    } else if (/^[0-9]/.test(word)) {
      out.push(word);
    } else {
      const lower = word.toLowerCase();
      if (lower.length > 1 && !ENGLISH_STOP.has(lower)) out.push(stemEnglish(lower));
    }
  }
  return out;
}

export function termSet(text: string): Set<string> {
  return new Set(terms(text));
}

/** Inverse document frequency over a set of units (sentences or paragraphs). */
export function idfTable(units: ReadonlyArray<ReadonlySet<string>>): (term: string) => number {
  const df = new Map<string, number>();
  for (const unit of units) for (const t of unit) df.set(t, (df.get(t) ?? 0) + 1);
  const n = units.length;
  return (term) => Math.log(1 + (n + 1) / (1 + (df.get(term) ?? 0)));
}

/** How much of the question's weighted content a unit covers, 0..1. */
export function coverage(question: ReadonlySet<string>, unit: ReadonlySet<string>, idf: (term: string) => number): number {
  let total = 0;
  let hit = 0;
  for (const t of question) {
    const w = idf(t);
    total += w;
    if (unit.has(t)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, v] of a) {
    na += v * v;
    dot += v * (b.get(t) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function hasHangul(text: string): boolean {
  return /[\uac00-\ud7a3]/.test(text);
}
