// Builds the chat, conversation and settings stores over fakes, as src/app/chat.ts does over AWS.
import { vi } from 'vitest';
import type { DocumentGrounding } from '../../../src/domain/chat/runChat.ts';
import type { FeedbackScheduler } from '../../../src/stores/chatFeedback.ts';
import { createChatStore } from '../../../src/stores/chatStore.ts';
import { createConversationFlags, createDrafts, memoryStorage, type KeyValueStorage } from '../../../src/stores/chatDrafts.ts';
import { createConversationsStore } from '../../../src/stores/conversationsStore.ts';
import { createHistoryStore } from '../../../src/stores/historyStore.ts';
import { createSettingsStore } from '../../../src/stores/settingsStore.ts';
import { FakeCallLog, FakeCatalog, FakeModel, FakeRepository, fakeClock, manualFrames, summary, type Script } from './fakes.ts';

export const DEFAULT_MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

export function makeChat(options: { scripts?: Script[]; repository?: FakeRepository; storage?: KeyValueStorage; feedback?: FeedbackScheduler; documentSearch?: DocumentGrounding } = {}) {
  const repository = options.repository ?? new FakeRepository();
  const model = new FakeModel(options.scripts ?? []);
  const callLog = new FakeCallLog();
  const storage = options.storage ?? memoryStorage();
  const clock = fakeClock();
  const frames = manualFrames();
  const onSessionExpired = vi.fn();
  const catalog = new FakeCatalog([
    summary('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'Anthropic', ['INFERENCE_PROFILE']),
    summary('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon'),
    summary('amazon.titan-embed-text-v2:0', 'Titan Embeddings', 'Amazon'),
  ]);
  const settings = createSettingsStore({ catalog, storage, bedrockRegion: 'us-west-2', defaultModelId: DEFAULT_MODEL });
  const conversations = createConversationsStore({ repository, storage, userKey: 'user-1' });
  const sleeps: number[] = [];
  const chat = createChatStore({
    ports: {
      model,
      conversations: repository,
      callLog,
      clock,
      newId: clock.newId,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
    conversations,
    settings,
    drafts: createDrafts(storage, 'user-1'),
    documentFlags: createConversationFlags(storage, 'user-1', 'documents'),
    ...(options.documentSearch ? { documentSearch: options.documentSearch } : {}),
    language: () => 'ko',
    scheduleFrame: frames.schedule,
    ...(options.feedback ? { feedback: options.feedback } : {}),
    onSessionExpired,
    newId: clock.newId,
    now: clock.now,
    pageSize: 4,
    retry: { maxAttempts: 3, baseDelayMs: 10 },
  });
  // The composition root's wiring: the open conversation follows the sidebar.
  conversations.subscribe((state, previous) => {
    if (state.activeId !== previous.activeId) void chat.getState().open(state.activeId);
  });
  const downloads: Array<{ fileName: string; content: string }> = [];
  const history = createHistoryStore({
    ports: { conversations: repository, callLog },
    download: { save: (fileName, _mime, content) => void downloads.push({ fileName, content }) },
    language: () => 'ko',
  });
  return { chat, conversations, settings, history, downloads, repository, model, callLog, storage, clock, frames, onSessionExpired, catalog, sleeps };
}

/** Types into the composer and sends. */
export async function ask(chat: ReturnType<typeof makeChat>['chat'], text: string) {
  chat.getState().setDraft(text);
  await chat.getState().send();
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
