// Streamed text arrives in many small deltas; the store (and so React) takes them at most once
// per animation frame. The scheduler is injected so tests flush by hand.

/** requestAnimationFrame in the browser; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

export const animationFrameScheduler: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(() => callback());
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(callback, 16);
  return () => clearTimeout(handle);
};

export interface FrameBuffer {
  push(delta: string): void;
  /** Hands over whatever is buffered now (at the end of a stream). */
  flush(): void;
  /** Drops the pending frame without handing anything over. */
  cancel(): void;
}

export function createFrameBuffer(schedule: FrameScheduler, apply: (deltas: string) => void): FrameBuffer {
  let pending = '';
  let cancelFrame: (() => void) | undefined;
  const flush = () => {
    cancelFrame?.();
    cancelFrame = undefined;
    if (pending === '') return;
    const out = pending;
    pending = '';
    apply(out);
  };
  return {
    push(delta) {
      pending += delta;
      cancelFrame ??= schedule(() => {
        cancelFrame = undefined;
        flush();
      });
    },
    flush,
    cancel() {
      cancelFrame?.();
      cancelFrame = undefined;
      pending = '';
    },
  };
}
