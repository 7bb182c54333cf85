// The documents composition root: the worker parser, S3, DynamoDB and (when the config names an
// index) Kendra adapters wired into a documents store for the connected session. src/app/chat.ts
// calls createDocumentsApp beside the chat stores and disposes it with them.
import type { ChatModel, CallLog } from '../domain/ports.ts';
import type { DocumentRecord, InferenceParams } from '../domain/types.ts';
import { maxUploadBytes } from '../config/runtimeConfig.ts';
import { animationFrameScheduler } from '../stores/chatFrameBuffer.ts';
import { createDocumentsStore, type DocumentsStore } from '../stores/documentsStore.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { AwsConnection } from './session.ts';

export interface DocumentsAppDeps {
  /** The chat's model adapter and call log, shared so a summary is logged like a chat call. */
  model: ChatModel;
  callLog?: CallLog;
  /** The model and sampling settings of the open conversation, read when a summary starts. */
  summaryModel: () => { modelId: string; params?: Partial<InferenceParams> };
  /** The signed-in user's id token; its `cognito:username` is the Kendra ACL principal. */
  idToken?: string;
  /** The name the user signed in with, used when the token carries no `cognito:username`. */
  username?: string;
  /** A summary was saved on its record (to show it in the conversation). */
  onSummary?: (record: DocumentRecord) => void;
  onError?: (code: ErrorCode) => void;
}

/** The `cognito:username` claim of an id token (the payload is not verified here: only read). */
export function cognitoUsername(idToken: string | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const name = claims['cognito:username'];
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the link in a tab made during the click (a tab opened after an await is taken for a popup
 * and blocked); the tab is closed again if the link cannot be made.
 */
export function openInNewTab(url: Promise<string>): void {
  const tab = window.open('', '_blank');
  if (tab) tab.opener = null;
  url.then(
    (href) => {
      if (tab) tab.location.href = href;
      else window.open(href, '_blank', 'noopener');
    },
    () => tab?.close(),
  );
}

export async function createDocumentsApp(connection: AwsConnection, deps: DocumentsAppDeps): Promise<DocumentsStore> {
  // The SDK adapters and the parsers load after sign-in, with the chat's.
  const [{ WorkerDocumentParser }, { S3DocumentStore }, { DynamoDocumentRepository }, { KendraDocumentIndex }, { ingestDocument, removeDocument, waitForIndex }, { summarizeDocument }] =
    await Promise.all([
      import('../workers/workerParser.ts'),
      import('../aws/s3DocumentStore.ts'),
      import('../aws/dynamoDocumentRepository.ts'),
      import('../aws/kendraDocumentIndex.ts'),
      import('../domain/documents/ingest.ts'),
      import('../domain/documents/summarize.ts'),
    ]);
  const { clients } = connection;
  const username = cognitoUsername(deps.idToken) ?? deps.username;
  const index = clients.config.kendra && username ? new KendraDocumentIndex(clients, username) : undefined;
  return createDocumentsStore({
    ports: {
      parser: new WorkerDocumentParser(),
      store: new S3DocumentStore(clients),
      repository: new DynamoDocumentRepository(clients),
      ...(index ? { index } : {}),
      model: deps.model,
      ...(deps.callLog ? { callLog: deps.callLog } : {}),
    },
    useCases: { ingest: ingestDocument, summarize: summarizeDocument, remove: removeDocument, waitForIndex },
    maxUploadBytes: maxUploadBytes(clients.config),
    summaryModel: deps.summaryModel,
    summarizeAfterUpload: true,
    openUrl: openInNewTab,
    scheduleFrame: animationFrameScheduler,
    ...(deps.onSummary ? { onSummary: deps.onSummary } : {}),
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
}
