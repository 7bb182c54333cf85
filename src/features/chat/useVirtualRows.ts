// Windowing for the message list: rows are measured with a ResizeObserver as they pass through
// the viewport (unseen rows use an estimate), only rows near the viewport are rendered, and the
// scroll position either follows the bottom (while the reader is there) or keeps the row being
// read in place when rows above it load or change height.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';
import { anchorAt, anchoredScrollTop, layoutRows, totalHeight, visibleRange, type RowLayout, type ScrollAnchor } from './virtualWindow.ts';

/** Within this many pixels of the bottom the list follows new text. */
const PIN_EDGE = 48;
/** Older messages start loading this far from the top, before the reader hits it. */
const LOAD_EDGE = 400;
/** Rows rendered beyond each edge of the viewport, in pixels. */
const OVERSCAN = 800;

interface Options {
  keys: readonly string[];
  /** Changes when something appears below the rows (a pending question, a streaming answer). */
  tailVersion: string;
  onNearTop(): void;
}

interface View {
  scrollTop: number;
  height: number;
  /** Where the list starts inside the scroller (the "earlier messages" button sits above it). */
  contentTop: number;
  /** The row being read, while the reader is away from the bottom. */
  anchor?: ScrollAnchor | undefined;
}

export function useVirtualRows({ keys, tailVersion, onNearTop }: Options) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [view, setView] = useState<View>(() => ({ scrollTop: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight, contentTop: 0 }));
  const [atBottom, setAtBottom] = useState(true);
  const pinned = useRef(true);
  const layoutRef = useRef<RowLayout | undefined>(undefined);
  const keysRef = useRef(keys);
  const onNearTopRef = useRef(onNearTop);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const observed = useRef(new Set<Element>());

  const layout = useMemo(() => layoutRows(keys, heights), [keys, heights]);
  const total = totalHeight(layout);
  // Rows above the one being read may have loaded or changed height since the last scroll event:
  // the window is where the anchor will put the scroll position, not where it was.
  const anchoredTop = view.anchor ? anchoredScrollTop(layout, view.anchor, 0) : undefined;
  const top = atBottom ? Math.max(0, total - view.height) : (anchoredTop ?? view.scrollTop - view.contentTop);
  const { start, end } = visibleRange(layout, top, view.height, OVERSCAN);

  const pinToBottom = useCallback(() => {
    const el = scrollerRef.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, []);

  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const seen = observed.current;
    const ro = new ResizeObserver((entries) => {
      const measured = new Map<string, number>();
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        if (target === scrollerRef.current) {
          const height = target.clientHeight;
          setView((v) => (v.height === height ? v : { ...v, height }));
          continue;
        }
        const key = target.dataset.row;
        if (key === undefined) continue;
        measured.set(key, entry.borderBoxSize[0]?.blockSize ?? target.getBoundingClientRect().height);
      }
      if (measured.size > 0) {
        setHeights((previous) => {
          let next: Map<string, number> | undefined;
          for (const [key, height] of measured) {
            if (Math.abs((previous.get(key) ?? -1) - height) < 0.5) continue;
            next ??= new Map(previous);
            next.set(key, height);
          }
          return next ?? previous;
        });
      }
      pinToBottom();
    });
    if (scrollerRef.current) ro.observe(scrollerRef.current);
    observer.current = ro;
    return () => {
      ro.disconnect();
      seen.clear();
      observer.current = undefined;
    };
  }, [pinToBottom]);

  useLayoutEffect(() => {
    layoutRef.current = layout;
    keysRef.current = keys;
    onNearTopRef.current = onNearTop;
    const el = scrollerRef.current;
    const list = listRef.current;
    if (!el || !list) return;
    // Watch the rows now in the DOM; forget the ones that left it.
    const ro = observer.current;
    if (ro) {
      for (const element of observed.current) {
        if (!element.isConnected) {
          ro.unobserve(element);
          observed.current.delete(element);
        }
      }
      for (const element of list.querySelectorAll(':scope > li')) {
        if (observed.current.has(element)) continue;
        ro.observe(element);
        observed.current.add(element);
      }
    }
    if (pinned.current) {
      el.scrollTop = el.scrollHeight;
    } else if (view.anchor) {
      const target = anchoredScrollTop(layout, view.anchor, list.offsetTop);
      if (target !== undefined && Math.abs(target - el.scrollTop) >= 1) el.scrollTop = target;
    }
    // Too little on screen to scroll: load older messages without waiting for a scroll.
    if (el.scrollHeight <= el.clientHeight + LOAD_EDGE) onNearTop();
  }, [layout, keys, tailVersion, atBottom, onNearTop, view.anchor]);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    const contentTop = listRef.current?.offsetTop ?? 0;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    pinned.current = distance < PIN_EDGE;
    setAtBottom(pinned.current);
    const current = layoutRef.current;
    const anchor = pinned.current || !current ? undefined : anchorAt(current, keysRef.current, el.scrollTop, contentTop);
    setView({ scrollTop: el.scrollTop, height: el.clientHeight, contentTop, anchor });
    if (el.scrollTop < LOAD_EDGE) onNearTopRef.current();
  }, []);

  const jumpToLatest = useCallback(() => {
    pinned.current = true;
    setView((v) => ({ ...v, anchor: undefined }));
    setAtBottom(true);
    pinToBottom();
  }, [pinToBottom]);

  return {
    scrollerRef,
    listRef,
    onScroll,
    jumpToLatest,
    atBottom,
    start,
    end,
    paddingTop: layout.offsets[start] ?? 0,
    paddingBottom: total - (layout.offsets[end] ?? total),
  };
}
