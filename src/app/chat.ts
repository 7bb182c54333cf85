// The chat composition root: when the session connects, the AWS adapters are wired into the chat,
// conversation and settings stores; when it disconnects (sign-out, expiry) they are thrown away.
import { createStore } from 'zustand/vanilla';
import { newId } from '../domain/ids.ts';
import { languageStore } from '../i18n/i18n.ts';
import { createDrafts, memoryStorage, type KeyValueStorage } from '../stores/chatDrafts.ts';
import { deferredFeedback } from '../stores/chatFeedback.ts';
import { animationFrameScheduler } from '../stores/chatFrameBuffer.ts';
import { createChatStore, type ChatStore } from '../stores/chatStore.ts';
import { createConversationsStore, type ConversationsStore } from '../stores/conversationsStore.ts';
import { createSettingsStore, type SettingsStore } from '../stores/settingsStore.ts';
import { createHistoryStore, type HistoryStore } from '../stores/historyStore.ts';
import { browserDownload } from '../features/history/browserDownload.ts';
import { sessionStore, type AwsConnection } from './session.ts';

export interface ChatApp {
  chat: ChatStore;
  conversations: ConversationsStore;
  settings: SettingsStore;
  /** Export, import and "delete all my history". */
  history: HistoryStore;
  dispose(): void;
}

function browserStorage(): KeyValueStorage {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

async function createChatApp(connection: AwsConnection): Promise<ChatApp> {
  // Adapters import the SDK, which loads only after sign-in.
  const [
    { BedrockChatModel },
    { BedrockModelCatalog },
    { DynamoConversationRepository },
    { DynamoCallLog },
    { DynamoDocumentRepository },
    { S3DocumentStore },
    { KendraDocumentIndex },
  ] = await Promise.all([
    import('../aws/bedrockChatModel.ts'),
    import('../aws/bedrockModelCatalog.ts'),
    import('../aws/dynamoConversationRepository.ts'),
    import('../aws/dynamoCallLog.ts'),
    import('../aws/dynamoDocumentRepository.ts'),
    import('../aws/s3DocumentStore.ts'),
    import('../aws/kendraDocumentIndex.ts'),
  ]);
  const { clients } = connection;
  const storage = browserStorage();
  const userKey = connection.identityId;
  const repository = new DynamoConversationRepository(clients);
  const callLog = new DynamoCallLog(clients);
  const onSessionExpired = () => sessionStore.getState().sessionExpired();

  const settings = createSettingsStore({
    catalog: new BedrockModelCatalog(clients),
    storage,
    bedrockRegion: clients.config.bedrockRegion,
    defaultModelId: clients.config.defaultModelId,
    ...(clients.config.allowedModelIds ? { allowedModelIds: clients.config.allowedModelIds } : {}),
  });
  const conversations = createConversationsStore({
    repository,
    storage,
    userKey,
    onError: (code) => code === 'session-expired' && onSessionExpired(),
  });
  const chat = createChatStore({
    ports: { model: new BedrockChatModel(clients), conversations: repository, callLog },
    conversations,
    settings,
    drafts: createDrafts(storage, userKey),
    language: () => languageStore.getState().language,
    scheduleFrame: animationFrameScheduler,
    feedback: deferredFeedback(),
    onSessionExpired,
    newId,
    now: () => Date.now(),
  });

  const username = sessionStore.getState().user?.username ?? '';
  const history = createHistoryStore({
    ports: {
      conversations: repository,
      callLog,
      documents: new DynamoDocumentRepository(clients),
      documentStore: new S3DocumentStore(clients),
      ...(clients.config.kendra ? { documentIndex: new KendraDocumentIndex(clients, username) } : {}),
    },
    download: browserDownload,
    language: () => languageStore.getState().language,
    onChanged: () => void conversations.getState().load(),
    onError: (code) => code === 'session-expired' && onSessionExpired(),
  });

  // The sidebar decides which conversation is open; the chat pane follows.
  const unsubscribe = conversations.subscribe((state, previous) => {
    if (state.activeId !== previous.activeId) void chat.getState().open(state.activeId);
  });
  void settings.getState().loadModels();
  void conversations
    .getState()
    .load()
    .then(() => chat.getState().open(conversations.getState().activeId));

  return {
    chat,
    conversations,
    settings,
    history,
    dispose() {
      unsubscribe();
      chat.getState().dispose();
    },
  };
}

interface ChatRootState {
  app?: ChatApp;
  /** Why the adapters could not load (a failed chunk download, usually offline). */
  error?: string;
}

/** The chat stores of the connected session, or nothing while signed out. */
export const chatRoot = createStore<ChatRootState>()(() => ({}));

let current: AwsConnection | undefined;
function follow(state: { connection?: AwsConnection }) {
  if (state.connection === current) return;
  current = state.connection;
  chatRoot.getState().app?.dispose();
  chatRoot.setState({ app: undefined, error: undefined });
  const connection = current;
  if (!connection) return;
  createChatApp(connection).then(
    (app) => {
      if (current === connection) chatRoot.setState({ app });
      else app.dispose();
    },
    (e: unknown) => current === connection && chatRoot.setState({ error: e instanceof Error ? e.message : String(e) }),
  );
}
sessionStore.subscribe(follow);
follow(sessionStore.getState());
