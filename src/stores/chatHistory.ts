// The open conversation: its messages (newest page first, older pages on demand), its draft, and
// its model and mode.
import { toAppError } from '../domain/errors.ts';
import type { Conversation } from '../domain/types.ts';
import { NEW_CONVERSATION_KEY } from './chatDrafts.ts';
import type { ChatDeps, ChatState, GetChat, SetChat } from './chatTypes.ts';

export const DEFAULT_PAGE_SIZE = 30;

export const draftKey = (conversationId: string | undefined) => conversationId ?? NEW_CONVERSATION_KEY;

export function activeConversation(deps: ChatDeps, id: string | undefined): Conversation | undefined {
  return id ? deps.conversations.getState().conversations.find((c) => c.id === id) : undefined;
}

type HistoryActions = Pick<ChatState, 'open' | 'loadOlder' | 'setDraft' | 'setModel' | 'setMode' | 'setUseDocuments' | 'dismissNotice'>;

export function createHistoryActions(set: SetChat, get: GetChat, deps: ChatDeps): HistoryActions {
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  // Each open() bumps this so a slow page of the previous conversation is dropped on arrival.
  let generation = 0;

  const fail = (e: unknown, kind: 'history' | 'settings') => {
    const code = toAppError(e, 'storage').code;
    if (code === 'session-expired') deps.onSessionExpired();
    set({ notice: { code, kind } });
  };

  const saveChoice = async (change: Partial<Pick<Conversation, 'modelId' | 'mode'>>) => {
    const conversation = activeConversation(deps, get().conversationId);
    if (!conversation) return;
    const updated = { ...conversation, ...change };
    deps.conversations.getState().upsert(updated);
    try {
      await deps.ports.conversations.saveConversation(updated);
    } catch (e) {
      deps.conversations.getState().upsert(conversation);
      fail(e, 'settings');
    }
  };

  return {
    async open(conversationId) {
      const state = get();
      if (conversationId !== undefined && conversationId === state.conversationId && state.historyPhase !== 'error') return;
      if (state.streaming) state.stop();
      const run = ++generation;
      const conversation = activeConversation(deps, conversationId);
      set({
        conversationId,
        messages: [],
        olderCursor: undefined,
        loadingOlder: false,
        pendingQuestion: undefined,
        streaming: undefined,
        notes: [],
        notice: undefined,
        draft: deps.drafts.get(draftKey(conversationId)),
        modelId: conversation?.modelId || deps.settings.getState().defaultModelId,
        mode: conversation?.mode || 'chat',
        useDocuments: deps.documentFlags?.get(draftKey(conversationId)) ?? false,
        historyPhase: conversationId ? 'loading' : 'ready',
      });
      if (!conversationId) return;
      try {
        const page = await deps.ports.conversations.listMessages(conversationId, { limit: pageSize });
        if (run !== generation) return;
        set({ messages: [...page.items].reverse(), olderCursor: page.cursor, historyPhase: 'ready' });
      } catch (e) {
        if (run !== generation) return;
        set({ historyPhase: 'error' });
        fail(e, 'history');
      }
    },

    async loadOlder() {
      const { conversationId, olderCursor, loadingOlder } = get();
      if (!conversationId || !olderCursor || loadingOlder) return;
      const run = generation;
      set({ loadingOlder: true });
      try {
        const page = await deps.ports.conversations.listMessages(conversationId, { limit: pageSize, cursor: olderCursor });
        if (run !== generation) return;
        const known = new Set(get().messages.map((m) => m.id));
        const older = [...page.items].reverse().filter((m) => !known.has(m.id));
        set((s) => ({ messages: [...older, ...s.messages], olderCursor: page.cursor, loadingOlder: false }));
      } catch (e) {
        if (run !== generation) return;
        set({ loadingOlder: false });
        fail(e, 'history');
      }
    },

    setDraft(text) {
      deps.drafts.set(draftKey(get().conversationId), text);
      set({ draft: text });
    },

    async setModel(modelId) {
      if (modelId === get().modelId) return;
      set({ modelId });
      await saveChoice({ modelId });
    },

    async setMode(mode) {
      if (mode === get().mode) return;
      set({ mode });
      await saveChoice({ mode });
    },

    setUseDocuments(on) {
      deps.documentFlags?.set(draftKey(get().conversationId), on);
      set({ useDocuments: on });
    },

    dismissNotice() {
      set({ notice: undefined });
    },
  };
}
