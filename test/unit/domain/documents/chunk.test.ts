import { describe, expect, it } from 'vitest';
import { splitForBudget } from '../../../../src/domain/documents/chunk.ts';
import { estimateTokens } from '../../../../src/domain/memory.ts';

/** Every piece is found in order in the original with only whitespace between and around them. */
function expectFaithful(text: string, pieces: string[]): void {
  let cursor = 0;
  for (const piece of pieces) {
    expect(piece).toBe(piece.trim());
    expect(piece).not.toBe('');
    const at = text.indexOf(piece, cursor);
    expect(at, `piece not found in order: ${JSON.stringify(piece.slice(0, 40))}`).toBeGreaterThanOrEqual(cursor);
    expect(text.slice(cursor, at).trim()).toBe('');
    cursor = at + piece.length;
  }
  expect(text.slice(cursor).trim()).toBe('');
}

const paragraph = (n: number, words = 30) => Array.from({ length: words }, (_, i) => `word${n}x${i}`).join(' ') + '.';

describe('splitForBudget', () => {
  it('keeps a text that fits in one piece, trimmed', () => {
    expect(splitForBudget('  첫 문단.\n\n둘째 문단.  \n', 100)).toEqual(['첫 문단.\n\n둘째 문단.']);
  });

  it('gives nothing for an empty or blank text', () => {
    expect(splitForBudget('', 10)).toEqual([]);
    expect(splitForBudget(' \n\n \t', 10)).toEqual([]);
  });

  it('rejects a budget below one token', () => {
    expect(() => splitForBudget('abc', 0)).toThrow(RangeError);
  });

  it('cuts between paragraphs and packs neighbours together', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => paragraph(i));
    const text = paragraphs.join('\n\n');
    const one = estimateTokens(paragraphs[0]!);
    const pieces = splitForBudget(text, one * 2 + 2);
    expect(pieces).toEqual([0, 2, 4].map((i) => `${paragraphs[i]}\n\n${paragraphs[i + 1]}`));
  });

  it('falls back to lines inside a long paragraph (CSV rows stay whole)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `name: 사람${i} | city: 도시${i} | score: ${i * 7}`);
    const text = `Columns: name | city | score\n${rows.join('\n')}`;
    const pieces = splitForBudget(text, 60);
    expect(pieces.length).toBeGreaterThan(1);
    expectFaithful(text, pieces);
    for (const piece of pieces) {
      for (const line of piece.split('\n')) expect(text.split('\n')).toContain(line);
    }
  });

  it('falls back to sentences, then words, then a hard cut', () => {
    const sentences = '서울은 한국의 수도이다. 부산은 항구 도시이다. 대구는 내륙에 있다! 광주는 어디에 있나?';
    expect(splitForBudget(sentences, 14)).toEqual(['서울은 한국의 수도이다.', '부산은 항구 도시이다.', '대구는 내륙에 있다!', '광주는 어디에 있나?']);
    const words = '가나다라 마바사아 자차카타';
    expect(splitForBudget(words, 5)).toEqual(['가나다라', '마바사아', '자차카타']);
    expect(splitForBudget('가나다라마바사', 3)).toEqual(['가나다', '라마바', '사']);
    expect(splitForBudget('a'.repeat(10), 2)).toEqual(['aaaaaaaa', 'aa']);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀😁😂🤣😃';
    const pieces = splitForBudget(text, 2);
    expect(pieces).toEqual(['😀😁', '😂🤣', '😃']);
  });

  it.each([
    ['mixed Korean and English prose', Array.from({ length: 200 }, (_, i) => `${i}번째 문단입니다. The quick brown fox ${i}.\n한 줄 더.`).join('\n\n'), 37],
    ['one huge paragraph without spaces', '가'.repeat(5000) + 'abc'.repeat(3000), 97],
    ['irregular whitespace', Array.from({ length: 300 }, (_, i) => `w${i}${i % 7 === 0 ? '\n\n\n  ' : i % 3 === 0 ? '\n' : ' '}`).join(''), 11],
  ])('%s: every piece within budget, nothing lost or repeated', (_name, text, budget) => {
    const pieces = splitForBudget(text, budget);
    expectFaithful(text, pieces);
    for (const piece of pieces) expect(estimateTokens(piece)).toBeLessThanOrEqual(budget);
    expect(pieces.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });
});
