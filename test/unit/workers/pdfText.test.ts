import { describe, expect, it } from 'vitest';
import { joinTextItems, type PositionedText } from '../../../src/workers/pdfText.ts';

/** An item at (x, y) in a 10 pt font whose glyphs are 10 pt wide (Hangul) or 5 pt (Latin). */
function item(str: string, x: number, y: number, hasEOL = false): PositionedText {
  const width = [...str].reduce((sum, c) => sum + (/[가-힣]/.test(c) ? 10 : 5), 0);
  return { str, hasEOL, transform: [10, 0, 0, 10, x, y], width, height: 10 };
}

describe('joinTextItems', () => {
  it('joins touching pieces of one Korean word without a space', () => {
    expect(joinTextItems([item('대한', 0, 100), item('민국은', 20, 100)])).toBe('대한민국은');
  });

  it('puts a space where the pieces of one line leave a visible gap', () => {
    expect(joinTextItems([item('대한민국은', 0, 100), item('민주공화국이다.', 55, 100)])).toBe('대한민국은 민주공화국이다.');
  });

  it('ignores tiny gaps from rounding', () => {
    expect(joinTextItems([item('서', 0, 100), item('연', 10.8, 100)])).toBe('서연');
  });

  it('breaks the line on hasEOL and when the baseline moves without one', () => {
    expect(joinTextItems([item('첫 줄', 0, 100, true), item('둘째 줄', 0, 85), item('셋째 줄', 0, 70)])).toBe(
      '첫 줄\n둘째 줄\n셋째 줄',
    );
  });

  it('does not double a space pdf.js already put in', () => {
    expect(joinTextItems([item('PDF', 0, 100), item(' ', 15, 100), item('files', 40, 100)])).toBe('PDF files');
  });

  it('drops control characters and trailing spaces, keeps at most one empty line', () => {
    expect(joinTextItems([item('a\u0001b  ', 0, 100, true), item('', 0, 90, true), item('', 0, 80, true), item('', 0, 70, true), item('c', 0, 60)])).toBe(
      'ab\n\nc',
    );
  });
});
