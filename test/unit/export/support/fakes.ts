// In-memory ports for the export/import/delete tests. Listing pages like the DynamoDB adapters do:
// newest first, `limit` items per page and an opaque cursor of the last key seen (so deleting
// between pages does not shift anything).
import { AppError } from '../../../../src/domain/errors.ts';
import type { CallLog, ConversationRepository, DocumentIndex, DocumentRepository, DocumentStore } from '../../../../src/domain/ports.ts';
import type { CallLogEntry, Conversation, DocumentRecord, Message, Page, PageRequest } from '../../../../src/domain/types.ts';

const encode = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** Pages `sorted` (already in list order) after the item whose key the cursor names. */
export function pageByKey<T>(sorted: T[], keyOf: (item: T) => string, page: PageRequest | undefined, compare: (a: string, b: string) => number): Page<T> {
  const limit = page?.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) throw new AppError('validation', { message: `invalid page size ${limit}` });
  const after = page?.cursor === undefined ? undefined : decode(page.cursor);
  const rest = after === undefined ? sorted : sorted.filter((item) => compare(keyOf(item), after) > 0);
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return rest.length > limit && last ? { items, cursor: encode(keyOf(last)) } : { items };
}

const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

export class MemoryConversations implements ConversationRepository {
  conversations = new Map<string, Conversation>();
  messages = new Map<string, Message>();
  calls: Array<{ method: string; page?: PageRequest }> = [];
  /** Fail the n-th saveMessage call (1-based) from now on, once. */
  failSaveMessageAt?: number;

  private record(method: string, page?: PageRequest) {
    this.calls.push(page === undefined ? { method } : { method, page });
  }

  async listConversations(page?: PageRequest): Promise<Page<Conversation>> {
    this.record('listConversations', page);
    const key = (c: Conversation) => `${c.updatedAt}|${c.id}`;
    const sorted = [...this.conversations.values()].sort((a, b) => descending(key(a), key(b)));
    return structuredClone(pageByKey(sorted, key, page, descending));
  }
  async getConversation(id: string) {
    this.record('getConversation');
    const found = this.conversations.get(id);
    return found && structuredClone(found);
  }
  async saveConversation(conversation: Conversation) {
    this.record('saveConversation');
    this.conversations.set(conversation.id, structuredClone(conversation));
  }
  async deleteConversation(id: string) {
    this.record('deleteConversation');
    for (const [key, m] of this.messages) if (m.conversationId === id) this.messages.delete(key);
    this.conversations.delete(id);
  }
  async listMessages(conversationId: string, page?: PageRequest): Promise<Page<Message>> {
    this.record('listMessages', page);
    const sorted = this.messagesOf(conversationId).reverse();
    return structuredClone(pageByKey(sorted, (m) => m.id, page, descending));
  }
  async saveMessage(message: Message) {
    this.record('saveMessage');
    if (this.failSaveMessageAt !== undefined && --this.failSaveMessageAt === 0) {
      this.failSaveMessageAt = undefined;
      throw new AppError('throttled');
    }
    this.messages.set(`${message.conversationId}#${message.id}`, structuredClone(message));
  }
  /** Oldest first. */
  messagesOf(conversationId: string): Message[] {
    return [...this.messages.values()].filter((m) => m.conversationId === conversationId).sort((a, b) => a.id.localeCompare(b.id));
  }
  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

export class MemoryDocuments implements DocumentRepository {
  records = new Map<string, DocumentRecord>();
  async listDocuments() {
    return [...this.records.values()];
  }
  async getDocument(id: string) {
    return this.records.get(id);
  }
  async saveDocument(record: DocumentRecord) {
    this.records.set(record.id, record);
  }
  async deleteDocument(id: string) {
    this.records.delete(id);
  }
}

/** Files and index entries, by document id. */
export class MemoryDocumentFiles implements Pick<DocumentStore, 'remove'>, Pick<DocumentIndex, 'remove'> {
  ids = new Set<string>();
  constructor(public failWith?: AppError) {}
  async remove(documentId: string) {
    if (this.failWith) throw this.failWith;
    this.ids.delete(documentId);
  }
}

export class MemoryCallLog implements CallLog {
  entries: CallLogEntry[] = [];
  listCalls = 0;
  async record(entry: CallLogEntry) {
    this.entries.push(entry);
  }
  async list(page?: PageRequest) {
    this.listCalls++;
    const key = (e: CallLogEntry) => `${e.at}#${e.id}`;
    const sorted = [...this.entries].sort((a, b) => descending(key(a), key(b)));
    return pageByKey(sorted, key, page, descending);
  }
  async remove(entry: CallLogEntry) {
    this.entries = this.entries.filter((e) => e.id !== entry.id);
  }
}

