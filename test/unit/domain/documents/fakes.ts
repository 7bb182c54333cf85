// Fakes for the document use cases: a model that answers by looking at each request (calls run
// concurrently, so replies cannot be scripted by call order), and in-memory document ports.
import { AppError } from '../../../../src/domain/errors.ts';
import type { ChatModel } from '../../../../src/domain/ports.ts';
import type { StreamEvent } from '../../../../src/domain/stream.ts';
import type { ModelRequest, ModelResponse } from '../../../../src/domain/types.ts';

export type Reply = string | StreamEvent[];

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Streams what `reply` returns for each request, a word at a time, yielding to other calls between words. */
export class ReplyModel implements ChatModel {
  readonly requests: ModelRequest[] = [];
  readonly completions: ModelRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly reply: (request: ModelRequest, call: number) => Reply | Promise<Reply>,
    private readonly completeReply: (request: ModelRequest) => ModelResponse | Promise<ModelResponse> = () => {
      throw new AppError('validation', { message: 'complete not expected' });
    },
  ) {}

  /** The user turn of the last message of each request, in call order. */
  get userTurns(): string[] {
    return this.requests.map((r) => r.prompt.messages.at(-1)?.text ?? '');
  }

  async *stream(request: ModelRequest, _signal: AbortSignal): AsyncIterable<StreamEvent> {
    this.requests.push(request);
    const call = this.requests.length;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await tick();
      const reply = await this.reply(request, call);
      const events: StreamEvent[] =
        typeof reply === 'string'
          ? [
              { type: 'usage', inputTokens: 10 },
              ...reply.split(/(?<= )/).map((text) => ({ type: 'text-delta' as const, text })),
              { type: 'usage', outputTokens: 5 },
              { type: 'message-end', stopReason: 'end' },
            ]
          : reply;
      for (const event of events) {
        await tick();
        yield event;
      }
    } finally {
      this.inFlight--;
    }
  }

  async complete(request: ModelRequest, _signal: AbortSignal): Promise<ModelResponse> {
    this.completions.push(request);
    return this.completeReply(request);
  }
}

export const throttledEvent = (): StreamEvent => ({ type: 'error', error: new AppError('throttled', { message: 'Too many requests' }) });
