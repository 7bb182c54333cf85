// Writes an export bundle back as NEW conversations: fresh conversation and message ids, every
// other field as it was. Nothing existing is overwritten, so importing the same file twice gives
// two copies (the second with a marked title) rather than silently merging.
import { newId as defaultNewId, type IdGenerator } from '../ids.ts';
import type { ConversationRepository } from '../ports.ts';
import type { Language } from '../types.ts';
import { allPages, checkAborted, type Progress } from './paging.ts';
import type { ExportBundle } from './schema.ts';

export interface ImportOptions {
  /** Decides the word added to a clashing title. */
  language: Language;
  newId?: IdGenerator;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export interface ImportResult {
  /** The new conversations' ids, in the file's order. */
  conversationIds: string[];
  messageCount: number;
}

const IMPORTED: Record<Language, string> = { ko: '가져옴', en: 'imported' };

/** `제목` → `제목 (가져옴)` → `제목 (가져옴 2)` …, until no conversation has it. */
export function uniqueTitle(title: string, taken: ReadonlySet<string>, language: Language): string {
  if (!taken.has(title)) return title;
  const word = IMPORTED[language];
  for (let n = 1; ; n++) {
    const candidate = `${title} (${n === 1 ? word : `${word} ${n}`})`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function importBundle(
  ports: { conversations: ConversationRepository },
  bundle: ExportBundle,
  { language, newId = defaultNewId, onProgress, signal }: ImportOptions,
): Promise<ImportResult> {
  const repository = ports.conversations;
  const existing = await allPages((page) => repository.listConversations(page), { signal });
  const taken = new Set(existing.map((c) => c.title));
  const total = bundle.conversations.length;
  const conversationIds: string[] = [];
  let messageCount = 0;
  onProgress?.({ step: 'import', done: 0, total });
  for (const entry of bundle.conversations) {
    checkAborted(signal);
    const id = newId();
    const title = uniqueTitle(entry.conversation.title, taken, language);
    taken.add(title);
    // The conversation goes first: if a message write fails, the user sees a conversation they
    // can delete, never messages that no list shows.
    await repository.saveConversation({ ...entry.conversation, id, title });
    try {
      // Ids from one generator increase, so writing in file order keeps the messages' order.
      for (const message of entry.messages) {
        checkAborted(signal);
        await repository.saveMessage({ ...message, id: newId(), conversationId: id });
        messageCount++;
      }
    } catch (e) {
      // Leave no half-imported copy behind; if even that fails, the original error is what matters.
      await repository.deleteConversation(id).catch(() => undefined);
      throw e;
    }
    conversationIds.push(id);
    onProgress?.({ step: 'import', done: conversationIds.length, total });
  }
  return { conversationIds, messageCount };
}
