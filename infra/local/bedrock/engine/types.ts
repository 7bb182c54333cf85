// The text engines behind every model family: each turns a family-neutral request into text pieces.
import type { ChatRequest, FinishReason } from '../families/types.ts';

export interface Engine {
  /** Said in model names, e.g. "local offline engine". */
  readonly label: string;
  /** Yields text pieces; may return 'length' when the engine itself stopped at the token limit. */
  generate(request: ChatRequest, signal: AbortSignal): AsyncGenerator<string, FinishReason | void>;
}

/** Pace of the offline engine: LOCAL_LLM_TTFT_MS and LOCAL_LLM_TOKENS_PER_S; 0 = no delay. */
export interface Pace {
  ttftMs: number;
  tokensPerSecond: number;
}

/** Upstream failures of an external engine, reported to the client as a model error. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly originalStatusCode: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
