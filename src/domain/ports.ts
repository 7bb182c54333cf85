// The interfaces the domain needs from the outside world. src/aws implements them with the AWS SDK
// (Bedrock, DynamoDB, S3, Kendra); tests use in-memory fakes. Every method that can fail rejects
// with an AppError (adapters call toAppError), never with a raw SDK exception.
import type { StreamEvent } from './stream.ts';
import type {
  CallLogEntry,
  Conversation,
  DocumentRecord,
  Language,
  Message,
  ModelRequest,
  ModelResponse,
  ModelSummary,
  IndexState,
  Page,
  PageRequest,
  ParsedDocument,
  Passage,
} from './types.ts';

/** A text model on Bedrock (InvokeModel / InvokeModelWithResponseStream). */
export interface ChatModel {
  /**
   * Streams one answer. Never throws once iteration starts: failures arrive as a final `error`
   * event (aborting yields an `aborted` error or just ends). See stream.ts for the event order.
   * Implementations build the body and decode chunks with the family from models/registry.ts
   * (decodeStream does the decoding and error mapping).
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** One non-streamed call for short jobs (condensing a question, titles). Rejects with AppError. */
  complete(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse>;
}

/** ListFoundationModels. Filter with supportsModel / pickerModels from models/catalog.ts. */
export interface ModelCatalog {
  listModels(signal?: AbortSignal): Promise<ModelSummary[]>;
}

/** Conversations and their messages (DynamoDB `CONV#` and `MSG#` items of the caller's own pk). */
export interface ConversationRepository {
  /** Newest first. */
  listConversations(page?: PageRequest): Promise<Page<Conversation>>;
  getConversation(id: string): Promise<Conversation | undefined>;
  /** Creates or replaces. */
  saveConversation(conversation: Conversation): Promise<void>;
  /** Removes the conversation and all of its messages. */
  deleteConversation(id: string): Promise<void>;
  /** Newest first (message ids sort by time). */
  listMessages(conversationId: string, page?: PageRequest): Promise<Page<Message>>;
  /** Creates or replaces (same id = same item). */
  saveMessage(message: Message): Promise<void>;
}

export interface UploadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/** Files in S3 under `private/<identityId>/documents/<docId>/`. */
export interface DocumentStore {
  /** Uploads the original file; resolves with its S3 key. Cancelled by `signal`. */
  uploadOriginal(
    input: { documentId: string; fileName: string; contentType: string; body: Blob | Uint8Array },
    options: { signal: AbortSignal; onProgress?: (progress: UploadProgress) => void },
  ): Promise<{ key: string }>;
  /** Stores the extracted text beside the original; resolves with its key. */
  putText(documentId: string, text: string): Promise<{ key: string }>;
  getText(documentId: string): Promise<string>;
  /**
   * A presigned GET link that opens the original file in the browser; `encoding` (a text file's,
   * e.g. `euc-kr`) is sent as its charset so a CP949 CSV opens readable.
   */
  downloadUrl(documentId: string, fileName: string, options?: { encoding?: string }): Promise<string>;
  /** Removes the original and the extracted text. */
  remove(documentId: string): Promise<void>;
}

/** Document records (DynamoDB `DOC#` items). */
export interface DocumentRepository {
  listDocuments(): Promise<DocumentRecord[]>;
  getDocument(id: string): Promise<DocumentRecord | undefined>;
  saveDocument(record: DocumentRecord): Promise<void>;
  deleteDocument(id: string): Promise<void>;
}

export interface RetrieveQuery {
  text: string;
  language?: Language;
  limit?: number;
}

/** Finds passages for a question (Kendra Retrieve, falling back to Query). */
export interface Retriever {
  /** Rejects with AppError `kendra-unavailable` when no index is configured or reachable. */
  retrieve(query: RetrieveQuery, signal: AbortSignal): Promise<Passage[]>;
}

/** Puts extracted text into the search index and takes it out again. */
export interface DocumentIndex {
  index(
    document: { documentId: string; title: string; text: string; language: Language; sourceUri: string },
    signal: AbortSignal,
  ): Promise<void>;
  remove(documentId: string): Promise<void>;
  /** BatchGetDocumentStatus: `pending` while Kendra is still working, `failed` with its reason. */
  status(documentId: string): Promise<{ state: IndexState; reason?: string }>;
}

export interface ParseProgress {
  /** PDF: pages read so far; CSV/TXT: bytes read so far. */
  done: number;
  total: number;
  unit: 'pages' | 'bytes';
}

/**
 * Reads a file into text, off the main thread (web workers in the browser, plain calls in Node
 * tests). Rejects with AppError: unsupported-file, file-empty, file-binary, file-encrypted
 * (needs a password), file-password-wrong, file-corrupt, file-no-text, upload-too-large, aborted.
 */
export interface DocumentParser {
  parse(
    file: Blob,
    options: { fileName: string; password?: string; signal: AbortSignal; onProgress?: (progress: ParseProgress) => void },
  ): Promise<ParsedDocument>;
}

/** DynamoDB `LOG#` items. */
export interface CallLog {
  record(entry: CallLogEntry): Promise<void>;
  /** Newest first. */
  list(page?: PageRequest): Promise<Page<CallLogEntry>>;
  /** For "delete all my history". */
  remove(entry: CallLogEntry): Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Waits `ms`, rejecting with AppError `aborted` if `signal` fires first. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;
