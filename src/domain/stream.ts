// The one stream contract between every model family and the rest of the app.
import type { AppError } from './errors.ts';

/** Why a model stopped, normalized across families; `raw` on `message-end` keeps the family's own word. */
export type StopReason = 'end' | 'max-tokens' | 'stop-sequence' | 'content-filtered' | 'other';

/**
 * Events of one streamed answer, in order: any number of `text-delta` and `usage`, then exactly one
 * `message-end` or one `error`, then nothing.
 *
 * `usage` carries running totals, not increments: a later value replaces an earlier one field by field
 * (use `mergeUsage`). The last `usage` before `message-end` is the final count.
 */
export type StreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number }
  | { type: 'message-end'; stopReason: StopReason; raw?: string }
  | { type: 'error'; error: AppError };

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/** Applies a `usage` event to what is known so far: latest value wins per field, nothing is summed. */
export function mergeUsage(known: Usage, update: Usage): Usage {
  return {
    inputTokens: update.inputTokens ?? known.inputTokens,
    outputTokens: update.outputTokens ?? known.outputTokens,
  };
}
