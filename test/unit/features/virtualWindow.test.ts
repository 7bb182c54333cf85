import { describe, expect, it } from 'vitest';
import { anchorAt, anchoredScrollTop, layoutRows, rowAt, totalHeight, visibleRange } from '../../../src/features/chat/virtualWindow.ts';

const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

describe('windowing a long conversation', () => {
  it('places rows by measured heights and estimates the rest', () => {
    const layout = layoutRows(['a', 'b', 'c'], new Map([['b', 40]]), 100);
    expect(layout.offsets).toEqual([0, 100, 140, 240]);
    expect(totalHeight(layout)).toBe(240);
    expect(rowAt(layout, 0)).toBe(0);
    expect(rowAt(layout, 100)).toBe(1);
    expect(rowAt(layout, 139)).toBe(1);
    expect(rowAt(layout, 10_000)).toBe(2);
  });

  it('renders only the rows near an 800 px viewport out of 300', () => {
    const layout = layoutRows(keys(0, 300), new Map(), 100);
    const bottom = visibleRange(layout, totalHeight(layout) - 800, 800, 400);
    expect(bottom.end).toBe(300);
    expect(bottom.end - bottom.start).toBeLessThanOrEqual(8 + 4 + 1);
    const middle = visibleRange(layout, 15_000, 800, 400);
    expect(middle).toEqual({ start: 146, end: 163 });
    expect(visibleRange(layoutRows([], new Map()), 0, 800, 400)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the row being read in place when an older page is put above it', () => {
    const heights = new Map<string, number>();
    const before = layoutRows(keys(270, 300), heights, 100);
    // The viewport's top cuts m272 (at 200–300 in the list, which starts 40 px down the scroller):
    // the anchor is m273, the first row whose top is in view, 70 px below the viewport's top.
    const anchor = anchorAt(before, keys(270, 300), 40 + 230, 40)!;
    expect(anchor).toEqual({ key: 'm273', delta: -70 });
    expect(anchorAt(before, keys(270, 300), 40 + 200, 40)).toEqual({ key: 'm272', delta: 0 });

    const after = layoutRows(keys(240, 300), heights, 100);
    // Thirty rows of 100 px came in above: the scroll position moves down by exactly 3000 px.
    expect(anchoredScrollTop(after, anchor, 40)).toBe(40 + 230 + 3000);
    // And when one of the rows above turns out taller once measured, by that much more.
    heights.set('m250', 160);
    expect(anchoredScrollTop(layoutRows(keys(240, 300), heights, 100), anchor, 40)).toBe(40 + 230 + 3060);
    // A row that left the list cannot anchor anything.
    expect(anchoredScrollTop(layoutRows(keys(280, 300), heights, 100), anchor, 40)).toBeUndefined();
  });
});
