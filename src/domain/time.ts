// Real implementations of the Clock and Sleep ports; use cases take them as parameters so tests
// can pass fakes.
import { AppError } from './errors.ts';
import type { Clock, Sleep } from './ports.ts';

export const systemClock: Clock = { now: () => Date.now() };

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AppError('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Resolves in a later task, after everything queued as microtasks now (e.g. a request being built). */
export const nextTask = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));
