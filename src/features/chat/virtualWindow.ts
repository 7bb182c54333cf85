// The arithmetic of the windowed message list, kept apart from React so it is tested in Node:
// row offsets from measured (or estimated) heights, which rows a viewport needs, and where the
// scroll position must go so the row being read stays put when rows above it change.

/** Height assumed for a row that has not been on screen yet. */
export const ESTIMATED_ROW_HEIGHT = 96;

export interface RowLayout {
  /** Top of each row, plus the total height as the last entry (length = rows + 1). */
  offsets: number[];
  /** Index of each key in offsets. */
  indexOf: Map<string, number>;
}

export function layoutRows(keys: readonly string[], heights: ReadonlyMap<string, number>, estimate = ESTIMATED_ROW_HEIGHT): RowLayout {
  const offsets = new Array<number>(keys.length + 1);
  const indexOf = new Map<string, number>();
  let top = 0;
  keys.forEach((key, index) => {
    offsets[index] = top;
    indexOf.set(key, index);
    top += heights.get(key) ?? estimate;
  });
  offsets[keys.length] = top;
  return { offsets, indexOf };
}

export const totalHeight = (layout: RowLayout) => layout.offsets[layout.offsets.length - 1] ?? 0;

/** The first row whose bottom is below `y` (binary search over the offsets). */
export function rowAt(layout: RowLayout, y: number): number {
  const rows = layout.offsets.length - 1;
  let low = 0;
  let high = rows - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((layout.offsets[mid + 1] ?? 0) <= y) low = mid + 1;
    else high = mid;
  }
  return Math.max(0, low);
}

/** Rows [start, end) that cover the viewport plus `overscan` pixels on each side. */
export function visibleRange(layout: RowLayout, scrollTop: number, viewportHeight: number, overscan: number): { start: number; end: number } {
  const rows = layout.offsets.length - 1;
  if (rows <= 0) return { start: 0, end: 0 };
  const start = rowAt(layout, Math.max(0, scrollTop - overscan));
  const end = Math.min(rows, rowAt(layout, scrollTop + viewportHeight + overscan) + 1);
  return { start, end };
}

/** What the reader is looking at: a row and how far its top sits above the viewport's top. */
export interface ScrollAnchor {
  key: string;
  /** scrollTop minus the row's offset when the anchor was taken. */
  delta: number;
}

export function anchorAt(layout: RowLayout, keys: readonly string[], scrollTop: number, contentTop: number): ScrollAnchor | undefined {
  if (keys.length === 0) return undefined;
  const y = scrollTop - contentTop;
  let index = rowAt(layout, Math.max(0, y));
  // The first row whose top is in view, not one cut by the viewport's top: a row above it may
  // still be an estimate, and its real height must move what is above, not what is read.
  if ((layout.offsets[index] ?? 0) < y && index + 1 < keys.length) index += 1;
  const key = keys[index];
  if (key === undefined) return undefined;
  return { key, delta: y - (layout.offsets[index] ?? 0) };
}

/** The scrollTop that puts the anchored row back where it was, or undefined if it is gone. */
export function anchoredScrollTop(layout: RowLayout, anchor: ScrollAnchor, contentTop: number): number | undefined {
  const index = layout.indexOf.get(anchor.key);
  if (index === undefined) return undefined;
  return contentTop + (layout.offsets[index] ?? 0) + anchor.delta;
}
