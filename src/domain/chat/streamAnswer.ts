// One streamed model answer with the policy every use case shares (chat, RAG, summary): retry
// retryable failures only while nothing has been shown yet, keep whatever text arrived when the
// stream is cut or stopped, time it, and write one call-log row per attempt.
import { AppError, toAppError, type ErrorCode } from '../errors.ts';
import type { CallLog, ChatModel, Clock, Sleep } from '../ports.ts';
import { mergeUsage, type StopReason } from '../stream.ts';
import type { CallKind, MessageStatus, ModelRequest, Timings, Usage } from '../types.ts';

export type AnswerStatus =
  /** Answering from documents: rewriting the question and searching, before the model is asked. */
  | { phase: 'searching' }
  | { phase: 'waiting'; attempt: number }
  | { phase: 'retrying'; attempt: number; delayMs: number; error: AppError }
  | { phase: 'streaming' };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000 };

export interface StreamAnswerInput {
  model: ChatModel;
  request: ModelRequest;
  kind: CallKind;
  signal: AbortSignal;
  clock: Clock;
  sleep: Sleep;
  callLog: CallLog;
  newId: () => string;
  conversationId?: string;
  documentId?: string;
  retry?: RetryPolicy;
  /** Each visible piece of text as it arrives, with the whole text so far. */
  onDelta?: (delta: string, text: string) => void;
  onStatus?: (status: AnswerStatus) => void;
}

export interface AnswerResult {
  text: string;
  /** `complete` on a normal end; `partial` when stopped or cut after some text; `error` otherwise. */
  status: MessageStatus;
  error?: AppError;
  stopReason?: StopReason;
  usage: Usage;
  timings: Timings;
  attempts: number;
  /** Side failures that did not stop the answer (a call-log write that failed). */
  warnings: AppError[];
}

type AttemptOutcome = { ended: true; stopReason: StopReason } | { ended: false; error: AppError };

/** Delay before attempt `attempt + 1`: base, 2×base, 4×base, … */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return policy.baseDelayMs * 2 ** (attempt - 1);
}

export async function streamAnswer(input: StreamAnswerInput): Promise<AnswerResult> {
  const { clock, signal } = input;
  const policy = input.retry ?? DEFAULT_RETRY;
  const started = clock.now();
  const warnings: AppError[] = [];
  let text = '';
  let ttftMs: number | undefined;

  const attemptOnce = async (usage: { value: Usage }): Promise<AttemptOutcome> => {
    try {
      for await (const event of input.model.stream(input.request, signal)) {
        // An adapter that ignores the signal must not keep the answer running after stop.
        if (signal.aborted) return { ended: false, error: new AppError('aborted') };
        if (event.type === 'text-delta' && event.text !== '') {
          if (ttftMs === undefined) {
            ttftMs = clock.now() - started;
            input.onStatus?.({ phase: 'streaming' });
          }
          text += event.text;
          input.onDelta?.(event.text, text);
        } else if (event.type === 'usage') {
          usage.value = mergeUsage(usage.value, event);
        } else if (event.type === 'message-end') {
          return { ended: true, stopReason: event.stopReason };
        } else if (event.type === 'error') {
          return { ended: false, error: signal.aborted ? new AppError('aborted') : event.error };
        }
      }
    } catch (e) {
      return { ended: false, error: signal.aborted ? new AppError('aborted', { cause: e }) : toAppError(e, 'model') };
    }
    const reason = signal.aborted ? 'aborted' : 'stream-cut';
    return { ended: false, error: new AppError(reason, { message: 'the stream ended without a stop reason' }) };
  };

  const log = async (attempt: number, attemptStarted: number, status: MessageStatus, usage: Usage, errorCode?: ErrorCode) => {
    try {
      await input.callLog.record({
        id: input.newId(),
        at: new Date(attemptStarted).toISOString(),
        kind: input.kind,
        modelId: input.request.modelId,
        ...(input.conversationId === undefined ? {} : { conversationId: input.conversationId }),
        ...(input.documentId === undefined ? {} : { documentId: input.documentId }),
        attempt,
        status,
        ...(errorCode === undefined ? {} : { errorCode }),
        ...usage,
        ...(ttftMs === undefined ? {} : { ttftMs }),
        totalMs: clock.now() - attemptStarted,
      });
    } catch (e) {
      warnings.push(toAppError(e, 'storage'));
    }
  };

  for (let attempt = 1; ; attempt++) {
    const attemptStarted = clock.now();
    const usage = { value: {} as Usage };
    input.onStatus?.({ phase: 'waiting', attempt });
    const outcome = await attemptOnce(usage);

    const finish = (status: MessageStatus, extra: Partial<AnswerResult>): AnswerResult => ({
      text,
      status,
      usage: usage.value,
      timings: { ...(ttftMs === undefined ? {} : { ttftMs }), totalMs: clock.now() - started },
      attempts: attempt,
      warnings,
      ...extra,
    });

    if (outcome.ended) {
      await log(attempt, attemptStarted, 'complete', usage.value);
      return finish('complete', { stopReason: outcome.stopReason });
    }

    const { error } = outcome;
    const stopped = error.code === 'aborted';
    const status: MessageStatus = stopped || text !== '' ? 'partial' : 'error';
    await log(attempt, attemptStarted, status, usage.value, error.code);

    const mayRetry = !stopped && text === '' && error.retryable && attempt < policy.maxAttempts;
    if (!mayRetry) return finish(status, { error });

    const delayMs = backoffDelay(attempt, policy);
    input.onStatus?.({ phase: 'retrying', attempt, delayMs, error });
    try {
      await input.sleep(delayMs, signal);
    } catch {
      return finish('partial', { error: new AppError('aborted') });
    }
  }
}
