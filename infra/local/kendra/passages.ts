// Splits a document into Retrieve passages of about 200 words, breaking on paragraph and sentence
// boundaries. Korean packs more meaning into a whitespace word than English, so passages that
// contain Hangul are also capped by characters.

export interface PassageLimits {
  maxWords: number;
  maxCharsKorean: number;
  maxChars: number;
}

export const DEFAULT_PASSAGE_LIMITS: PassageLimits = { maxWords: 200, maxCharsKorean: 600, maxChars: 1500 };

const HANGUL = /\p{Script=Hangul}/u;
// A sentence ends at terminal punctuation followed by space, or at a line break.
const SENTENCE_END = /(?<=[.!?…。！？])\s+|\n+/u;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export function splitPassages(text: string, limits: PassageLimits = DEFAULT_PASSAGE_LIMITS): string[] {
  const passages: string[] = [];
  let current: string[] = [];
  let words = 0;
  let chars = 0;
  let hangul = false;

  const cap = (korean: boolean) => (korean ? limits.maxCharsKorean : limits.maxChars);
  const flush = () => {
    const passage = current.join(' ').replace(/ ?\n ?/g, '\n').trim();
    if (passage) passages.push(passage);
    current = [];
    words = 0;
    chars = 0;
    hangul = false;
  };
  const add = (piece: string) => {
    const pieceWords = wordCount(piece);
    const pieceHangul = HANGUL.test(piece);
    if (current.length > 0 && (words + pieceWords > limits.maxWords || chars + piece.length + 1 > cap(hangul || pieceHangul))) flush();
    current.push(piece);
    words += pieceWords;
    chars += piece.length + 1;
    hangul ||= pieceHangul;
  };

  for (const paragraph of text.split(/\n[ \t]*\n/)) {
    const sentences = paragraph.split(SENTENCE_END).map((s) => s.trim()).filter(Boolean);
    if (sentences.length === 0) continue;
    // A paragraph that does not fit in what is left of the passage starts a new one.
    const paragraphChars = sentences.reduce((n, s) => n + s.length + 1, 0);
    const paragraphHangul = sentences.some((s) => HANGUL.test(s));
    if (current.length > 0 && (words + wordCount(paragraph) > limits.maxWords || chars + paragraphChars > cap(hangul || paragraphHangul))) flush();
    for (const sentence of sentences) {
      for (const piece of splitLong(sentence, limits)) add(piece);
    }
    if (current.length > 0) current[current.length - 1] += '\n';
  }
  flush();
  return passages;
}

/** A sentence longer than a passage is cut on spaces, or hard-cut when it has none. */
function splitLong(sentence: string, limits: PassageLimits): string[] {
  const maxChars = HANGUL.test(sentence) ? limits.maxCharsKorean : limits.maxChars;
  if (sentence.length <= maxChars && wordCount(sentence) <= limits.maxWords) return [sentence];
  const pieces: string[] = [];
  let piece = '';
  let pieceWords = 0;
  for (const word of sentence.split(/\s+/).filter(Boolean)) {
    for (let i = 0; i < word.length; i += maxChars) {
      const part = word.slice(i, i + maxChars);
      if (piece && (piece.length + 1 + part.length > maxChars || pieceWords + 1 > limits.maxWords)) {
        pieces.push(piece);
        piece = '';
        pieceWords = 0;
      }
      piece = piece ? `${piece} ${part}` : part;
      pieceWords += 1;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}
