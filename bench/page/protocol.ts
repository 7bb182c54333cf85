// Shared between the bench page (browser) and bench/run.ts (Node).
export type Approach = 'naive' | 'streamdown' | 'ours';

export interface StreamStats {
  chunks: number;
  characters: number;
  durationMs: number;
  /** React commits of the answer subtree. */
  commits: number;
  /** Tasks over 50 ms reported by the longtask observer, with their start after the stream began. */
  longTasks: { atMs: number; durationMs: number }[];
  /** Animation frames over 50 ms, split into script and rendering (style, layout, paint) time. */
  longFrames: { atMs: number; durationMs: number; scriptMs: number; renderMs: number }[];
  /** Largest delay of the feeding timer behind its schedule: a view of blocking shorter than 50 ms. */
  maxTimerDelayMs: number;
  /** From the last chunk to the frame after the finished answer was committed. */
  finalPaintLagMs: number;
  domNodes: number;
}
