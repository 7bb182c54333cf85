// Data shapes shared by every layer. Plain serializable objects (ISO strings for times), so the
// same values go to DynamoDB, the stores and the export file without conversion.
import type { ErrorCode } from './errors.ts';
import type { StopReason, Usage } from './stream.ts';

export type { StopReason, Usage } from './stream.ts';

export type Language = 'ko' | 'en';

// ---- prompts sent to a model -------------------------------------------------------------------

export interface PromptMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** What a model family turns into its own request body. */
export interface Prompt {
  system: string;
  messages: PromptMessage[];
}

/** Sampling settings under our names; each family maps them to its own field names. */
export interface InferenceParams {
  temperature: number;
  /** Left out of the body when undefined (Claude 4.5+ rejects temperature and top_p together). */
  topP?: number;
  maxTokens: number;
}

export interface ModelRequest {
  /** The id to invoke: a model id, an inference profile id (`us.…`) or an ARN. */
  modelId: string;
  prompt: Prompt;
  params: InferenceParams;
}

export interface ModelResponse {
  text: string;
  usage: Usage;
  stopReason: StopReason;
}

// ---- model catalogue ------------------------------------------------------------------------

/** One ListFoundationModels entry, as plain strings (the SDK's enums stay in src/aws). */
export interface ModelSummary {
  modelId: string;
  modelArn?: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  /** `ON_DEMAND`, `PROVISIONED`, and on real responses also `INFERENCE_PROFILE`. */
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

// ---- conversations ---------------------------------------------------------------------------

export interface Conversation {
  id: string;
  title: string;
  modelId: string;
  /** A prompt mode id (see prompts/modes.ts). */
  mode: string;
  createdAt: string;
  updatedAt: string;
  messageCount: number;
}

export type MessageStatus = 'complete' | 'partial' | 'error';

/** `marker` rows are not sent to the model; `memory-cleared` starts the memory afresh. */
export type MessageRole = 'user' | 'assistant' | 'marker';

export interface Timings {
  /** From sending the request (first attempt) to the first visible text. */
  ttftMs?: number;
  totalMs: number;
}

export interface Citation {
  /** The number shown in the answer, [1], [2], … */
  index: number;
  documentId: string;
  title: string;
  /** Where the passage came from, e.g. the S3 key or Kendra `_source_uri`. */
  uri?: string;
  excerpt?: string;
  page?: number;
}

export interface Message {
  id: string;
  conversationId: string;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  createdAt: string;
  marker?: 'memory-cleared';
  modelId?: string;
  mode?: string;
  usage?: Usage;
  timings?: Timings;
  stopReason?: StopReason;
  /** Set when status is `partial` or `error`; `aborted` means the user pressed stop. */
  errorCode?: ErrorCode;
  citations?: Citation[];
  /**
   * Set on answers asked with documents on: `grounded` came from retrieved passages (see
   * `citations`); `no-passages` found nothing and the model answered alone; `unavailable` could
   * not search (no index, or the search failed) and the model answered alone.
   */
  retrieval?: RetrievalOutcome;
  /** A document's summary posted into the conversation: which document it summarizes. */
  document?: { id: string; fileName: string };
}

export type RetrievalOutcome = 'grounded' | 'no-passages' | 'unavailable';

// ---- documents -------------------------------------------------------------------------------

export type DocumentType = 'txt' | 'pdf' | 'csv';

/** Where a document is in its pipeline: checked, read, stored, then usable. */
export type DocumentStatus = 'uploading' | 'parsing' | 'indexing' | 'summarizing' | 'ready' | 'error';

/** Kendra's view of the document; `none` when the deployment has no index. */
export type IndexState = 'none' | 'pending' | 'indexed' | 'failed';

export interface DocumentRecord {
  id: string;
  fileName: string;
  type: DocumentType;
  /** Bytes of the original file. */
  size: number;
  /** MIME type the original was stored with. */
  contentType?: string;
  /** S3 key of the original file. */
  s3Key: string;
  /** S3 key of the extracted text, once parsed. */
  textKey?: string;
  /** Characters of extracted text. */
  textLength?: number;
  /** PDF: number of pages. */
  pages?: number;
  /** PDF: character offset in the extracted text where each page starts (page n at index n-1). */
  pageStarts?: number[];
  /** CSV: data rows (header excluded) and column names. */
  rows?: number;
  columns?: string[];
  /** TXT/CSV: the encoding the bytes were decoded from (utf-8, utf-16le, utf-16be, euc-kr). */
  encoding?: string;
  language?: Language;
  status: DocumentStatus;
  indexState?: IndexState;
  /** Why indexing failed, as Kendra said it. */
  indexError?: string;
  summary?: string;
  /** The model that wrote the summary. */
  summaryModelId?: string;
  errorCode?: ErrorCode;
  createdAt: string;
  updatedAt: string;
}

/** What a parser read from a file: the text the model sees, and what citations need. */
export interface ParsedDocument {
  type: DocumentType;
  text: string;
  language: Language;
  pages?: number;
  pageStarts?: number[];
  rows?: number;
  columns?: string[];
  encoding?: string;
}

/** One retrieved passage, from Kendra Retrieve/Query or any later backend. */
export interface Passage {
  documentId: string;
  title: string;
  text: string;
  uri?: string;
  page?: number;
  /** Backend's confidence, when it gives one (Kendra: VERY_HIGH … LOW). */
  confidence?: string;
}

// ---- call log --------------------------------------------------------------------------------

export type CallKind = 'chat' | 'rag' | 'summary' | 'condense';

/** One row per model call (a retried call writes one row per attempt). */
export interface CallLogEntry {
  id: string;
  /** ISO time the call started. */
  at: string;
  kind: CallKind;
  modelId: string;
  conversationId?: string;
  documentId?: string;
  attempt: number;
  status: MessageStatus;
  errorCode?: ErrorCode;
  inputTokens?: number;
  outputTokens?: number;
  ttftMs?: number;
  totalMs: number;
}

// ---- paging ----------------------------------------------------------------------------------

export interface PageRequest {
  limit?: number;
  /** Opaque cursor from the previous page (a DynamoDB LastEvaluatedKey, encoded by the adapter). */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  cursor?: string;
}
