// In-memory fakes of the domain ports, for use-case tests.
import { AppError } from '../../../../src/domain/errors.ts';
import type { CallLog, ChatModel, Clock, ConversationRepository, Sleep } from '../../../../src/domain/ports.ts';
import type { StreamEvent } from '../../../../src/domain/stream.ts';
import type { CallLogEntry, Conversation, Message, ModelRequest, ModelResponse, Page } from '../../../../src/domain/types.ts';

/** A step of a scripted stream: an event, a pause of `advanceMs` on the fake clock, or a throw. */
export type Step = StreamEvent | { advanceMs: number } | { throws: unknown } | { run: () => void };

export class FakeClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 21, 9, 0, 0)) {}
  now(): number {
    return this.ms;
  }
}

/** Plays one script per call; records the requests it got. */
export class ScriptedModel implements ChatModel {
  readonly requests: ModelRequest[] = [];
  constructor(
    readonly scripts: Step[][],
    private readonly clock: FakeClock,
  ) {}

  async *stream(request: ModelRequest, _signal: AbortSignal): AsyncIterable<StreamEvent> {
    this.requests.push(request);
    const script = this.scripts[this.requests.length - 1];
    if (!script) throw new Error(`no script for call ${this.requests.length}`);
    for (const step of script) {
      if ('advanceMs' in step) this.clock.ms += step.advanceMs;
      else if ('throws' in step) throw step.throws;
      else if ('run' in step) step.run();
      else yield step;
    }
  }

  async complete(): Promise<ModelResponse> {
    throw new AppError('validation', { message: 'not scripted' });
  }
}

export class MemoryConversations implements ConversationRepository {
  readonly conversations = new Map<string, Conversation>();
  readonly messages: Message[] = [];
  failSaveMessage: ((message: Message) => unknown) | undefined;

  async listConversations(): Promise<Page<Conversation>> {
    return { items: [...this.conversations.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) };
  }
  async getConversation(id: string) {
    return this.conversations.get(id);
  }
  async saveConversation(conversation: Conversation) {
    this.conversations.set(conversation.id, conversation);
  }
  async deleteConversation(id: string) {
    this.conversations.delete(id);
  }
  async listMessages(conversationId: string): Promise<Page<Message>> {
    return { items: this.messages.filter((m) => m.conversationId === conversationId).sort((a, b) => b.id.localeCompare(a.id)) };
  }
  async saveMessage(message: Message) {
    const failure = this.failSaveMessage?.(message);
    if (failure) throw failure;
    const index = this.messages.findIndex((m) => m.id === message.id);
    if (index >= 0) this.messages[index] = message;
    else this.messages.push(message);
  }
}

export class MemoryCallLog implements CallLog {
  readonly entries: CallLogEntry[] = [];
  async remove(entry: CallLogEntry) {
    const at = this.entries.findIndex((e) => e.id === entry.id);
    if (at >= 0) this.entries.splice(at, 1);
  }
  async record(entry: CallLogEntry) {
    this.entries.push(entry);
  }
  async list(): Promise<Page<CallLogEntry>> {
    return { items: [...this.entries].reverse() };
  }
}

/** Records the delays and advances the fake clock instead of waiting. */
export function fakeSleep(clock: FakeClock, delays: number[]): Sleep {
  return async (ms, signal) => {
    if (signal.aborted) throw new AppError('aborted');
    delays.push(ms);
    clock.ms += ms;
  };
}

export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}
