// A deterministic token estimate (a Hangul syllable is one token, Latin text about four characters
// a token) and the small pieces an answer is streamed in.

const HANGUL = /[\uac00-\ud7a3\u3131-\u318e]/;

export function estimateTokens(text: string): number {
  let tokens = 0;
  let other = 0;
  const flush = () => {
    tokens += Math.ceil(other / 4);
    other = 0;
  };
  for (const ch of text) {
    if (HANGUL.test(ch)) {
      flush();
      tokens += 1;
    } else if (/\s/.test(ch)) {
      flush();
    } else {
      other += 1;
    }
  }
  flush();
  return tokens;
}

/** Split an answer into stream pieces: a word with its leading space, long Hangul words in pairs of syllables. */
export function splitPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(/\s*\S+|\s+$/g)) {
    const word = match[0];
    const lead = /^\s*/.exec(word)![0];
    const body = word.slice(lead.length);
    const syllables = [...body];
    if (syllables.length > 2 && syllables.every((c) => HANGUL.test(c) || /[.,!?·]/.test(c))) {
      for (let i = 0; i < syllables.length; i += 2) pieces.push((i === 0 ? lead : '') + syllables.slice(i, i + 2).join(''));
    } else if (body.length > 12) {
      for (let i = 0; i < body.length; i += 8) pieces.push((i === 0 ? lead : '') + body.slice(i, i + 8));
    } else {
      pieces.push(word);
    }
  }
  return pieces;
}

/** The longest prefix of `piece` that fits in `budget` tokens. */
export function fitTokens(piece: string, budget: number): string {
  if (budget <= 0) return '';
  if (estimateTokens(piece) <= budget) return piece;
  let out = '';
  for (const ch of piece) {
    if (estimateTokens(out + ch) > budget) break;
    out += ch;
  }
  return out;
}
