// The chat composition root: when the session connects, the AWS adapters are wired into the chat,
// conversation and settings stores; when it disconnects (sign-out, expiry) they are thrown away.
import { createStore } from 'zustand/vanilla';
import { newId } from '../domain/ids.ts';
import { languageStore } from '../i18n/i18n.ts';
import { createConversationFlags, createDrafts, memoryStorage, type KeyValueStorage } from '../stores/chatDrafts.ts';
import { deferredFeedback } from '../stores/chatFeedback.ts';
import { animationFrameScheduler } from '../stores/chatFrameBuffer.ts';
import { createChatStore, type ChatStore } from '../stores/chatStore.ts';
import { createConversationsStore, type ConversationsStore } from '../stores/conversationsStore.ts';
import { createSettingsStore, inferenceParams, type SettingsStore } from '../stores/settingsStore.ts';
import type { DocumentsStore } from '../stores/documentsStore.ts';
import type { DocumentRecord } from '../domain/types.ts';
import type { PagePiece } from '../domain/documents/rag.ts';
import { createHistoryStore, type HistoryStore } from '../stores/historyStore.ts';
import { browserDownload } from '../features/history/browserDownload.ts';
import { sessionStore, type AwsConnection } from './session.ts';

export interface ChatApp {
  chat: ChatStore;
  conversations: ConversationsStore;
  settings: SettingsStore;
  /** Export, import and "delete all my history". */
  history: HistoryStore;
  /** Uploads, summaries and the document list. */
  documents: DocumentsStore;
  /** Whether questions can be answered from documents (the deployment has a search index). */
  searchAvailable: boolean;
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
    { KendraRetriever },
    { splitPassageByPages },
    { createDocumentsApp },
  ] = await Promise.all([
    import('../aws/bedrockChatModel.ts'),
    import('../aws/bedrockModelCatalog.ts'),
    import('../aws/dynamoConversationRepository.ts'),
    import('../aws/dynamoCallLog.ts'),
    import('../aws/dynamoDocumentRepository.ts'),
    import('../aws/s3DocumentStore.ts'),
    import('../aws/kendraDocumentIndex.ts'),
    import('../aws/kendraRetriever.ts'),
    import('../domain/documents/rag.ts'),
    import('./documents.ts'),
  ]);
  const { clients } = connection;
  const storage = browserStorage();
  const userKey = connection.identityId;
  const repository = new DynamoConversationRepository(clients);
  const callLog = new DynamoCallLog(clients);
  const onSessionExpired = () => sessionStore.getState().sessionExpired();
  const model = new BedrockChatModel(clients);
  const documentStore = new S3DocumentStore(clients);

  // Answers from documents: Kendra finds passages of plain text, so the pages of a PDF passage are
  // found in the document's own extracted text (fetched once per document) and its page starts.
  const texts = new Map<string, Promise<string>>();
  // Set once the documents store exists (it needs the chat store, which needs this lookup).
  const records: { of?: (id: string) => DocumentRecord | undefined } = {};
  const locate = async (documentId: string, passageText: string): Promise<PagePiece[] | undefined> => {
    const record = records.of?.(documentId);
    if (!record?.pageStarts?.length) return undefined;
    let text = texts.get(documentId);
    if (!text) {
      text = documentStore.getText(documentId);
      texts.set(documentId, text);
      text.catch(() => texts.delete(documentId));
    }
    return splitPassageByPages(await text, record.pageStarts, passageText);
  };
  const searchAvailable = clients.config.kendra !== null;
  const documentSearch = searchAvailable ? { retriever: new KendraRetriever(clients, connection.idToken), locate } : undefined;

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
    ports: { model, conversations: repository, callLog },
    conversations,
    settings,
    drafts: createDrafts(storage, userKey),
    documentFlags: createConversationFlags(storage, userKey, 'documents'),
    ...(documentSearch ? { documentSearch } : {}),
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
      documentStore,
      ...(clients.config.kendra ? { documentIndex: new KendraDocumentIndex(clients, username) } : {}),
    },
    download: browserDownload,
    language: () => languageStore.getState().language,
    onChanged: () => void conversations.getState().load(),
    onError: (code) => code === 'session-expired' && onSessionExpired(),
  });

  const documents = await createDocumentsApp(connection, {
    model,
    callLog,
    summaryModel: () => {
      const { modelId } = chat.getState();
      return { modelId, params: inferenceParams(settings.getState().settings, modelId) };
    },
    idToken: await connection.idToken(),
    username,
    onSummary: (record) => void chat.getState().postSummary(record),
    onError: (code) => code === 'session-expired' && onSessionExpired(),
  });
  records.of = (id) => documents.getState().documents.find((d) => d.id === id);
  void documents.getState().load();

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
    documents,
    searchAvailable,
    dispose() {
      unsubscribe();
      chat.getState().dispose();
      documents.getState().dispose();
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
