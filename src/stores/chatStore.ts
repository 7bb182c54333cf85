// The chat pane's store: one vanilla zustand store built from two slices over injected ports, so
// unit tests drive it with fakes and React only subscribes.
import { createStore } from 'zustand/vanilla';
import { NEW_CONVERSATION_KEY } from './chatDrafts.ts';
import { createDocumentActions } from './chatDocuments.ts';
import { createHistoryActions } from './chatHistory.ts';
import { createSendActions } from './chatSend.ts';
import type { ChatDeps, ChatState } from './chatTypes.ts';

export type { ChatDeps, ChatNote, ChatNotice, ChatState, StreamingAnswer } from './chatTypes.ts';

export function createChatStore(deps: ChatDeps) {
  return createStore<ChatState>()((set, get) => ({
    messages: [],
    historyPhase: 'idle',
    loadingOlder: false,
    notes: [],
    draft: deps.drafts.get(NEW_CONVERSATION_KEY),
    modelId: deps.settings.getState().defaultModelId,
    mode: 'chat',
    useDocuments: deps.documentFlags?.get(NEW_CONVERSATION_KEY) ?? false,
    ...createHistoryActions(set, get, deps),
    ...createSendActions(set, get, deps),
    ...createDocumentActions(set, get, deps),
  }));
}

export type ChatStore = ReturnType<typeof createChatStore>;
