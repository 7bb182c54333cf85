// In-memory fakes of the domain ports and a hand-driven frame scheduler for the store tests.
import { AppError } from '../../../src/domain/errors.ts';
import { createIdGenerator } from '../../../src/domain/ids.ts';
import type { CallLog, ChatModel, ConversationRepository, ModelCatalog } from '../../../src/domain/ports.ts';
import type { StreamEvent } from '../../../src/domain/stream.ts';
import type { CallLogEntry, Conversation, Message, ModelRequest, ModelSummary, Page, PageRequest } from '../../../src/domain/types.ts';
import type { FrameScheduler } from '../../../src/stores/chatFrameBuffer.ts';

export class FakeRepository implements ConversationRepository {
  conversations = new Map<string, Conversation>();
  messages = new Map<string, Message>();
  /** The next calls of these methods reject with this error. */
  failNext: Partial<Record<keyof ConversationRepository, AppError>> = {};
  calls: string[] = [];

  private take(method: keyof ConversationRepository) {
    this.calls.push(method);
    const error = this.failNext[method];
    if (error) {
      delete this.failNext[method];
      throw error;
    }
  }

  async listConversations(page?: PageRequest): Promise<Page<Conversation>> {
    this.take('listConversations');
    const all = [...this.conversations.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return paginate(all, page);
  }
  async getConversation(id: string) {
    this.take('getConversation');
    return this.conversations.get(id);
  }
  async saveConversation(conversation: Conversation) {
    this.take('saveConversation');
    this.conversations.set(conversation.id, { ...conversation });
  }
  async deleteConversation(id: string) {
    this.take('deleteConversation');
    this.conversations.delete(id);
    for (const [key, m] of this.messages) if (m.conversationId === id) this.messages.delete(key);
  }
  async listMessages(conversationId: string, page?: PageRequest): Promise<Page<Message>> {
    this.take('listMessages');
    const all = this.messagesOf(conversationId).reverse();
    return paginate(all, page);
  }
  async saveMessage(message: Message) {
    this.take('saveMessage');
    this.messages.set(message.id, { ...message });
  }
  /** Oldest first. */
  messagesOf(conversationId: string): Message[] {
    return [...this.messages.values()].filter((m) => m.conversationId === conversationId).sort((a, b) => a.id.localeCompare(b.id));
  }
}

function paginate<T>(all: T[], page?: PageRequest): Page<T> {
  const start = page?.cursor ? Number(page.cursor) : 0;
  const limit = page?.limit ?? 50;
  const items = all.slice(start, start + limit);
  return start + limit < all.length ? { items, cursor: String(start + limit) } : { items };
}

export type Script = (request: ModelRequest, signal: AbortSignal) => AsyncIterable<StreamEvent>;

/** A model whose answers are scripted per call; it records every request it was given. */
export class FakeModel implements ChatModel {
  requests: ModelRequest[] = [];
  /** What the repository held when each call started. */
  onCall?: (request: ModelRequest) => void;
  constructor(public scripts: Script[]) {}
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    this.requests.push(request);
    this.onCall?.(request);
    const script = this.scripts.shift();
    if (!script) throw new Error('FakeModel: no script left');
    return script(request, signal);
  }
  async complete(): Promise<never> {
    throw new Error('not used');
  }
}

/** Streams `pieces` and ends; `gate` (if given) is awaited before each piece after the first. */
export function answer(pieces: string[], options: { gate?: () => Promise<void>; usage?: { inputTokens: number; outputTokens: number } } = {}): Script {
  return async function* (_request, signal) {
    for (const [i, piece] of pieces.entries()) {
      if (i > 0 && options.gate) await options.gate();
      if (signal.aborted) return;
      yield { type: 'text-delta', text: piece };
    }
    if (options.usage) yield { type: 'usage', ...options.usage };
    yield { type: 'message-end', stopReason: 'end' };
  };
}

/** Fails before any text (as Bedrock does when it throttles the request). */
export function failing(code: 'throttled' | 'offline' | 'session-expired' | 'model-access-denied'): Script {
  return async function* () {
    yield { type: 'error', error: new AppError(code) };
  };
}

/** Streams `pieces`, then the connection is cut. */
export function cutAfter(pieces: string[]): Script {
  return async function* () {
    for (const piece of pieces) yield { type: 'text-delta', text: piece };
    yield { type: 'error', error: new AppError('stream-cut') };
  };
}

/** A manually released barrier. */
export function barrier() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { wait: () => promise, release };
}

export class FakeCallLog implements CallLog {
  entries: CallLogEntry[] = [];
  async remove(entry: CallLogEntry) {
    const at = this.entries.findIndex((e) => e.id === entry.id);
    if (at >= 0) this.entries.splice(at, 1);
  }
  async record(entry: CallLogEntry) {
    this.entries.push(entry);
  }
  async list() {
    return { items: [...this.entries].reverse() };
  }
}

export class FakeCatalog implements ModelCatalog {
  constructor(public models: ModelSummary[], public error?: AppError) {}
  async listModels() {
    if (this.error) throw this.error;
    return this.models;
  }
}

/** Frames run only when the test says so. */
export function manualFrames() {
  let queue: Array<() => void> = [];
  const schedule: FrameScheduler = (callback) => {
    queue.push(callback);
    return () => {
      queue = queue.filter((c) => c !== callback);
    };
  };
  return {
    schedule,
    pending: () => queue.length,
    run() {
      const now = queue;
      queue = [];
      now.forEach((callback) => callback());
    },
  };
}

export function summary(modelId: string, name: string, provider: string, inference: string[] = ['ON_DEMAND']): ModelSummary {
  return {
    modelId,
    modelName: name,
    providerName: provider,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    inferenceTypesSupported: inference,
    modelLifecycle: { status: 'ACTIVE' },
  };
}

/** Ids that sort by a fake clock, as the real ones do. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), newId: createIdGenerator(() => now, () => 0.5) };
}
