// Reads conversations with all of their messages into an export bundle.
import { AppError } from '../errors.ts';
import type { ConversationRepository } from '../ports.ts';
import type { Conversation } from '../types.ts';
import { allPages, checkAborted, type Progress } from './paging.ts';
import { createBundle, type ExportBundle, type ExportedConversation } from './schema.ts';

export interface ExportOptions {
  now?: () => Date;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  pageSize?: number;
}

/**
 * `'all'` exports every conversation, newest activity first (the list's order); a list of ids
 * exports those in the given order and fails with `not-found` if one no longer exists.
 */
export async function exportConversations(
  ports: { conversations: ConversationRepository },
  which: readonly string[] | 'all',
  { now = () => new Date(), onProgress, signal, pageSize }: ExportOptions = {},
): Promise<ExportBundle> {
  const repository = ports.conversations;
  const paging = { signal, ...(pageSize === undefined ? {} : { pageSize }) };
  onProgress?.({ step: 'export', done: 0 });
  let conversations: Conversation[];
  if (which === 'all') {
    conversations = await allPages((page) => repository.listConversations(page), paging);
  } else {
    conversations = [];
    for (const id of which) {
      checkAborted(signal);
      const found = await repository.getConversation(id);
      if (!found) throw new AppError('not-found', { message: `conversation ${id} does not exist` });
      conversations.push(found);
    }
  }
  const entries: ExportedConversation[] = [];
  for (const conversation of conversations) {
    onProgress?.({ step: 'export', done: entries.length, total: conversations.length });
    // Pages come newest first; the file keeps reading order.
    const newestFirst = await allPages((page) => repository.listMessages(conversation.id, page), paging);
    entries.push({ conversation, messages: newestFirst.reverse() });
  }
  onProgress?.({ step: 'export', done: entries.length, total: conversations.length });
  return createBundle(entries, now());
}
