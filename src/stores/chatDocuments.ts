// A document's summary, once written, becomes a message of the open conversation (or starts a new
// one), so the reader sees it where they are and the model has it as context for what follows.
import { titleFrom } from '../domain/chat/runChat.ts';
import { toAppError } from '../domain/errors.ts';
import type { Conversation, DocumentRecord, Message } from '../domain/types.ts';
import { activeConversation, draftKey } from './chatHistory.ts';
import type { ChatDeps, ChatState, GetChat, SetChat } from './chatTypes.ts';

export function createDocumentActions(set: SetChat, get: GetChat, deps: ChatDeps): Pick<ChatState, 'postSummary'> {
  return {
    async postSummary(record: DocumentRecord) {
      if (!record.summary) return;
      const openId = get().conversationId;
      const conversationId = openId ?? deps.newId();
      const now = new Date(deps.now()).toISOString();
      const existing = activeConversation(deps, openId);
      const message: Message = {
        id: deps.newId(),
        conversationId,
        role: 'assistant',
        text: record.summary,
        status: 'complete',
        createdAt: now,
        document: { id: record.id, fileName: record.fileName },
        ...(record.summaryModelId ? { modelId: record.summaryModelId } : {}),
      };
      const conversation: Conversation = existing
        ? { ...existing, messageCount: existing.messageCount + 1, updatedAt: now }
        : { id: conversationId, title: titleFrom(record.fileName), modelId: get().modelId, mode: get().mode, createdAt: now, updatedAt: now, messageCount: 1 };
      try {
        await deps.ports.conversations.saveMessage(message);
        await deps.ports.conversations.saveConversation(conversation);
      } catch (e) {
        const code = toAppError(e, 'storage').code;
        if (code === 'session-expired') deps.onSessionExpired();
        set({ notice: { code, kind: 'warning' } });
        return;
      }
      // The reader may have moved on meanwhile; the summary is saved in its conversation either way.
      if (get().conversationId === openId) {
        if (!openId) {
          deps.drafts.move(draftKey(undefined), conversationId);
          deps.documentFlags?.move(draftKey(undefined), conversationId);
        }
        set((s) => ({ conversationId, messages: [...s.messages, message] }));
      }
      deps.conversations.getState().upsert(conversation);
      if (!openId && get().conversationId === conversationId) deps.conversations.getState().select(conversationId);
    },
  };
}
