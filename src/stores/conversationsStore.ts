// The signed-in user's conversations: the list (newest activity first), which one is open, search
// by title, rename and delete. The open conversation id is remembered so it reopens after sign-in.
import { createStore } from 'zustand/vanilla';
import { toAppError, type ErrorCode } from '../domain/errors.ts';
import type { ConversationRepository } from '../domain/ports.ts';
import type { Conversation } from '../domain/types.ts';
import type { KeyValueStorage } from './chatDrafts.ts';

export type ListPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface ConversationsState {
  phase: ListPhase;
  conversations: Conversation[];
  /** The open conversation; undefined while a new one has not been sent yet. */
  activeId?: string;
  query: string;
  /** The last failure of a list action (load, rename, delete), for the sidebar to show. */
  error?: ErrorCode;
  /** Loads every page of the list and opens the last used (or most recent) conversation. */
  load(): Promise<void>;
  select(id: string | undefined): void;
  startNew(): void;
  setQuery(query: string): void;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Puts a saved conversation into the list (after a send), keeping the order. */
  upsert(conversation: Conversation): void;
  dismissError(): void;
}

export interface ConversationsDeps {
  repository: ConversationRepository;
  storage: KeyValueStorage;
  /** Separates users that share a browser. */
  userKey: string;
  /** Called with every failure so the composition root can react to an expired session. */
  onError?: (code: ErrorCode) => void;
}

/** A safety stop for the list loop: no one scrolls past this many conversations. */
const MAX_LIST_PAGES = 20;

export const byRecentActivity = (a: Conversation, b: Conversation) =>
  b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);

/** Conversations whose title contains every word of the query, ignoring case and width. */
export function filterConversations(conversations: readonly Conversation[], query: string): Conversation[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...conversations];
  return conversations.filter((c) => {
    const title = c.title.normalize('NFKC').toLowerCase();
    return words.every((word) => title.includes(word));
  });
}

export function createConversationsStore(deps: ConversationsDeps) {
  const lastKey = `seoyeon.lastConversation.${deps.userKey}`;
  const remember = (id: string | undefined) => {
    try {
      if (id) deps.storage.setItem(lastKey, id);
      else deps.storage.removeItem(lastKey);
    } catch {
      return;
    }
  };
  const fail = (e: unknown) => {
    const code = toAppError(e, 'storage').code;
    deps.onError?.(code);
    return code;
  };

  return createStore<ConversationsState>()((set, get) => ({
    phase: 'idle',
    conversations: [],
    query: '',
    async load() {
      set({ phase: 'loading', error: undefined });
      try {
        const all: Conversation[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_LIST_PAGES; page++) {
          const result = await deps.repository.listConversations({ limit: 100, ...(cursor ? { cursor } : {}) });
          all.push(...result.items);
          cursor = result.cursor;
          if (!cursor) break;
        }
        all.sort(byRecentActivity);
        const last = deps.storage.getItem(lastKey);
        const current = get().activeId;
        const open = [current, last].find((id) => id && all.some((c) => c.id === id)) ?? all[0]?.id;
        set({ phase: 'ready', conversations: all, activeId: open });
      } catch (e) {
        set({ phase: 'error', error: fail(e) });
      }
    },
    select(id) {
      remember(id);
      set({ activeId: id });
    },
    startNew() {
      get().select(undefined);
    },
    setQuery(query) {
      set({ query });
    },
    async rename(id, title) {
      const trimmed = title.trim();
      const existing = get().conversations.find((c) => c.id === id);
      if (!existing || trimmed === '' || trimmed === existing.title) return;
      const renamed = { ...existing, title: trimmed };
      set({ conversations: get().conversations.map((c) => (c.id === id ? renamed : c)), error: undefined });
      try {
        await deps.repository.saveConversation(renamed);
      } catch (e) {
        // Put the old title back so the list never shows what was not saved.
        set({ conversations: get().conversations.map((c) => (c.id === id ? existing : c)), error: fail(e) });
      }
    },
    async remove(id) {
      const before = get().conversations;
      const wasActive = get().activeId === id;
      set({ conversations: before.filter((c) => c.id !== id), error: undefined });
      if (wasActive) get().select(undefined);
      try {
        await deps.repository.deleteConversation(id);
      } catch (e) {
        set({ conversations: before, error: fail(e) });
        if (wasActive) get().select(id);
      }
    },
    upsert(conversation) {
      const others = get().conversations.filter((c) => c.id !== conversation.id);
      set({ conversations: [conversation, ...others].sort(byRecentActivity) });
    },
    dismissError() {
      set({ error: undefined });
    },
  }));
}

export type ConversationsStore = ReturnType<typeof createConversationsStore>;
