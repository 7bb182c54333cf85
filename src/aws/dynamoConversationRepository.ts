// Conversations (`CONV#<id>`) and their messages (`MSG#<conversationId>#<message id>`) in the
// caller's own partition. Message ids sort by creation time (domain/ids.ts), so a descending Query
// on the message prefix is already "newest first" and pages cleanly with a sort-key cursor.
//
// Conversations are listed newest-updated first. The sort key cannot carry updatedAt: it changes on
// every message, and moving an item to a new key is a delete plus a put that, without transactions,
// can leave duplicates or lose the conversation. A user has tens to hundreds of conversations of a
// few hundred bytes each, so we Query all CONV# items (usually one round trip), sort them here, and
// page in memory with a cursor of the last (updatedAt, id) seen, which stays correct when items
// are touched between pages (no offset drift).
import { AppError } from '../domain/errors.ts';
import type { ConversationRepository } from '../domain/ports.ts';
import type { Conversation, Message, Page, PageRequest } from '../domain/types.ts';
import { readItem } from './dynamoItem.ts';
import { decodeCursor, encodeCursor, UserPartition, type PartitionClients } from './dynamoPartition.ts';

const DEFAULT_PAGE = 50;

const conversationKey = (id: string) => `CONV#${id}`;
const messagePrefix = (conversationId: string) => `MSG#${conversationId}#`;

// '#' separates the parts of a sort key; an id containing it could reach into another
// conversation's messages with begins_with.
function checkId(id: string, what: string): string {
  if (id === '' || id.includes('#')) throw new AppError('validation', { message: `invalid ${what} id "${id}"` });
  return id;
}

function pageSize(page: PageRequest | undefined): number {
  const limit = page?.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new AppError('validation', { message: `invalid page size ${limit}` });
  return limit;
}

/** Newest updated first; ids (time-sortable) break ties so the order is total and cursors are exact. */
function newerFirst(a: Conversation, b: Conversation): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const CONVERSATION_FIELDS = ['id', 'title', 'modelId', 'mode', 'createdAt', 'updatedAt', 'messageCount'] as const;
const MESSAGE_FIELDS = ['id', 'conversationId', 'role', 'text', 'status', 'createdAt'] as const;

export class DynamoConversationRepository implements ConversationRepository {
  private readonly partition: UserPartition;

  constructor(clients: PartitionClients) {
    this.partition = new UserPartition(clients);
  }

  async listConversations(page?: PageRequest): Promise<Page<Conversation>> {
    const limit = pageSize(page);
    const all = (await this.partition.queryAll('CONV#')).map((item) => readItem<Conversation>(item, CONVERSATION_FIELDS));
    all.sort(newerFirst);
    let start = 0;
    if (page?.cursor !== undefined) {
      const after = decodeCursor(page.cursor) as Partial<Conversation> | null;
      if (typeof after?.updatedAt !== 'string' || typeof after.id !== 'string') {
        throw new AppError('validation', { message: 'the page cursor belongs to another list' });
      }
      const marker = after as Conversation;
      start = all.findIndex((c) => newerFirst(c, marker) > 0);
      if (start === -1) start = all.length;
    }
    const items = all.slice(start, start + limit);
    const last = items[items.length - 1];
    return start + limit < all.length && last
      ? { items, cursor: encodeCursor({ updatedAt: last.updatedAt, id: last.id }) }
      : { items };
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    const item = await this.partition.get(conversationKey(checkId(id, 'conversation')));
    return item ? readItem<Conversation>(item, CONVERSATION_FIELDS) : undefined;
  }

  async saveConversation(conversation: Conversation): Promise<void> {
    await this.partition.put(conversationKey(checkId(conversation.id, 'conversation')), 'conversation', conversation);
  }

  /**
   * Messages go first and the conversation item last: if a batch fails half-way, the conversation
   * is still listed and the user can delete it again, instead of orphaned messages nobody can see.
   */
  async deleteConversation(id: string): Promise<void> {
    const messages = await this.partition.queryAll(messagePrefix(checkId(id, 'conversation')), { keysOnly: true });
    const keys = messages.flatMap((item) => (item.sk?.S ? [item.sk.S] : []));
    await this.partition.deleteMany([...keys, conversationKey(id)]);
  }

  async listMessages(conversationId: string, page?: PageRequest): Promise<Page<Message>> {
    const prefix = messagePrefix(checkId(conversationId, 'conversation'));
    const result = await this.partition.queryPage(prefix, pageSize(page), page?.cursor);
    const items = result.items.map((item) => readItem<Message>(item, MESSAGE_FIELDS));
    return result.cursor === undefined ? { items } : { items, cursor: result.cursor };
  }

  async saveMessage(message: Message): Promise<void> {
    const sk = messagePrefix(checkId(message.conversationId, 'conversation')) + checkId(message.id, 'message');
    await this.partition.put(sk, 'message', message);
  }
}
