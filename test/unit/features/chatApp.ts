// A whole ChatApp over fakes, as src/app/chat.ts builds it over AWS, for component tests.
import type { ChatApp } from '../../../src/app/chat.ts';
import { createDocumentsStore } from '../../../src/stores/documentsStore.ts';
import { FakeParser, FakeUseCases, MemoryDocumentRepository, MemoryDocumentStore } from '../stores/documentsFakes.ts';
import { FakeModel } from '../stores/fakes.ts';
import { makeChat } from '../stores/harness.ts';

export function makeChatApp(options: Parameters<typeof makeChat>[0] & { searchAvailable?: boolean } = {}) {
  const t = makeChat(options);
  const documents = createDocumentsStore({
    ports: { parser: new FakeParser(), store: new MemoryDocumentStore(), repository: new MemoryDocumentRepository(), model: new FakeModel([]), clock: t.clock, newId: t.clock.newId },
    useCases: new FakeUseCases(),
    maxUploadBytes: 1_000_000,
    summaryModel: () => ({ modelId: t.chat.getState().modelId }),
    scheduleFrame: t.frames.schedule,
    openUrl: () => undefined,
  });
  const app: ChatApp = {
    chat: t.chat,
    conversations: t.conversations,
    settings: t.settings,
    history: t.history,
    documents,
    searchAvailable: options.searchAvailable ?? true,
    dispose: () => undefined,
  };
  return { ...t, app, documents };
}
