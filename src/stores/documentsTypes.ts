// The documents store's state and dependencies. The use cases (ingest, summarize, remove) come in
// as functions with the domain's signatures, so the store is tested over fakes and the composition
// root passes the real ones from src/domain/documents.
import type { IngestInput, IngestStage, removeDocument, waitForIndex } from '../domain/documents/ingest.ts';
import type { SummarizeInput, SummaryProgress } from '../domain/documents/summarize.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { IdGenerator } from '../domain/ids.ts';
import type {
  CallLog,
  ChatModel,
  Clock,
  DocumentIndex,
  DocumentParser,
  DocumentRepository,
  DocumentStore,
  Sleep,
} from '../domain/ports.ts';
import type { DocumentRecord, InferenceParams } from '../domain/types.ts';
import type { FrameScheduler } from './chatFrameBuffer.ts';

// ---- the use cases: the domain's functions, passed in by the composition root -----------------

export type { IngestInput, IngestStage } from '../domain/documents/ingest.ts';
export type { SummarizeInput, SummaryProgress } from '../domain/documents/summarize.ts';

export type RemoveInput = Parameters<typeof removeDocument>[0];

export interface DocumentUseCases {
  ingest(input: IngestInput): Promise<DocumentRecord>;
  summarize(input: SummarizeInput): Promise<{ summary: string; parts: number }>;
  remove(input: RemoveInput): Promise<void>;
  /** Polls the index until it says indexed or failed (or gives up, still pending). */
  waitForIndex?(input: Parameters<typeof waitForIndex>[0]): ReturnType<typeof waitForIndex>;
}

// ---- dependencies ------------------------------------------------------------------------------

export interface DocumentsPorts {
  parser: DocumentParser;
  store: DocumentStore;
  repository: DocumentRepository;
  /** Absent when the deployment has no Kendra index: upload, text and summary still work. */
  index?: DocumentIndex;
  model: ChatModel;
  callLog?: CallLog;
  clock?: Clock;
  newId?: IdGenerator;
  sleep?: Sleep;
}

export interface DocumentsDeps {
  ports: DocumentsPorts;
  useCases: DocumentUseCases;
  /** From the runtime config (maxUploadBytes(config)). */
  maxUploadBytes: number;
  /** The model and sampling settings a summary uses, read when it starts. */
  summaryModel: () => { modelId: string; params?: Partial<InferenceParams> };
  /** Start a summary as soon as an upload is ready (otherwise the panel offers it). */
  summarizeAfterUpload?: boolean;
  /** Opens a presigned link; called synchronously from the click so a popup blocker lets it through. */
  openUrl?: (url: Promise<string>) => void;
  /** Streamed summary text reaches the state at most once per frame. */
  scheduleFrame?: FrameScheduler;
  /** After a summary is saved on its record, e.g. to post it into the conversation. */
  onSummary?: (record: DocumentRecord) => void;
  /** Every failure's code, e.g. to notice an expired session. */
  onError?: (code: ErrorCode) => void;
}

// ---- state -------------------------------------------------------------------------------------

export interface UploadEntry {
  /** The document id the upload will have; cancel and retry address it. */
  id: string;
  fileName: string;
  size: number;
  stage: IngestStage;
  /** Pages or bytes while parsing, bytes while uploading; absent while indexing. */
  done?: number;
  total?: number;
  running: boolean;
  error?: ErrorCode;
  /** The PDF is encrypted (or the last password was wrong): the card asks for a password. */
  needsPassword?: boolean;
}

export interface SummaryEntry {
  /** The text streamed so far (the final step of a long document streams). */
  text: string;
  running: boolean;
  progress?: SummaryProgress;
  error?: ErrorCode;
}

export interface TextEntry {
  phase: 'loading' | 'ready' | 'error';
  text?: string;
  error?: ErrorCode;
}

export type DocumentAction = 'load' | 'remove' | 'open' | 'save-summary';

export interface DocumentsFailure {
  action: DocumentAction;
  code: ErrorCode;
  documentId?: string;
}

export interface UploadOptions {
  password?: string;
}

export interface DocumentsState {
  phase: 'idle' | 'loading' | 'ready' | 'error';
  /** Newest first; a document appears here once it is stored and read, never half-parsed. */
  documents: DocumentRecord[];
  uploads: Record<string, UploadEntry>;
  summaries: Record<string, SummaryEntry>;
  texts: Record<string, TextEntry>;
  removing: Record<string, true>;
  /** False when there is no Kendra index (question answering is off). */
  indexAvailable: boolean;
  maxUploadBytes: number;
  failure?: DocumentsFailure;
  load(): Promise<void>;
  /** Resolves with the stored record, or undefined when it failed, was cancelled or needs a password. */
  upload(file: File | Blob, options?: UploadOptions & { fileName?: string }): Promise<DocumentRecord | undefined>;
  /** Stops a running upload (everything stored so far is removed), or drops a finished card. */
  cancel(id: string): void;
  retryWithPassword(id: string, password: string): Promise<DocumentRecord | undefined>;
  summarize(id: string): Promise<void>;
  cancelSummary(id: string): void;
  remove(id: string): Promise<void>;
  openOriginal(id: string): void;
  readText(id: string): Promise<string | undefined>;
  /** Lets go of a loaded text (the dialog closed). */
  forgetText(id: string): void;
  dismissFailure(): void;
  /** Stops everything running (sign-out). */
  dispose(): void;
}
