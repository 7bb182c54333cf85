// The composer's unsent text per conversation, kept in localStorage so it survives a reload, an
// expired session and going offline. Keys carry the user so two accounts on one browser never mix.

/** The part of the Web Storage API drafts need (tests pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The draft of a conversation that has not been created yet. */
export const NEW_CONVERSATION_KEY = 'new';

export interface Drafts {
  get(conversationKey: string): string;
  set(conversationKey: string, text: string): void;
  /** Moves the new-conversation draft under the id the conversation got. */
  move(fromKey: string, toKey: string): void;
}

export function createDrafts(storage: KeyValueStorage, userKey: string): Drafts {
  const key = (conversationKey: string) => `seoyeon.draft.${userKey}.${conversationKey}`;
  const write = (conversationKey: string, text: string) => {
    try {
      if (text === '') storage.removeItem(key(conversationKey));
      else storage.setItem(key(conversationKey), text);
    } catch {
      // A full or disabled storage only loses the reload safety net; the draft stays on screen.
      return;
    }
  };
  return {
    get: (conversationKey) => storage.getItem(key(conversationKey)) ?? '',
    set: write,
    move(fromKey, toKey) {
      const text = storage.getItem(key(fromKey));
      if (text === null) return;
      write(toKey, text);
      write(fromKey, '');
    },
  };
}

/** An in-memory storage for tests and for browsers that refuse localStorage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** An on/off choice per conversation, remembered like drafts (e.g. "answer from my documents"). */
export interface ConversationFlags {
  get(conversationKey: string): boolean;
  set(conversationKey: string, on: boolean): void;
  move(fromKey: string, toKey: string): void;
}

export function createConversationFlags(storage: KeyValueStorage, userKey: string, name: string): ConversationFlags {
  const drafts = createDrafts(storage, `${userKey}.${name}`);
  return {
    get: (conversationKey) => drafts.get(conversationKey) === '1',
    set: (conversationKey, on) => drafts.set(conversationKey, on ? '1' : ''),
    move: (fromKey, toKey) => drafts.move(fromKey, toKey),
  };
}
