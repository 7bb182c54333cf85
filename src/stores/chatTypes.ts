// State and dependencies of the chat store (see chatStore.ts for how the slices combine).
import type { ErrorCode } from '../domain/errors.ts';
import type { ChatPorts, DocumentGrounding } from '../domain/chat/runChat.ts';
import type { RetryPolicy } from '../domain/chat/streamAnswer.ts';
import type { ProviderGroup } from '../domain/models/catalog.ts';
import type { DocumentRecord, Language, Message } from '../domain/types.ts';
import type { ConversationFlags, Drafts } from './chatDrafts.ts';
import type { FeedbackScheduler } from './chatFeedback.ts';
import type { FrameScheduler } from './chatFrameBuffer.ts';
import type { ConversationsStore } from './conversationsStore.ts';
import type { SettingsStore } from './settingsStore.ts';

export interface StreamingAnswer {
  /** Which send or retry this is (a left-behind run must not touch the screen). */
  runId: string;
  /** `searching` the documents first (when on), `waiting` until the first token (typing indicator), `retrying` between attempts. */
  phase: 'saving' | 'searching' | 'waiting' | 'retrying' | 'streaming';
  text: string;
  attempt: number;
  retryDelayMs?: number;
  modelId: string;
  /** The failed answer a Retry replaces (it stays hidden while the new one streams). */
  replacesId?: string;
  /** Stop was pressed: the text is frozen while the partial answer is saved. */
  stopped: boolean;
}

/** Results of typed commands, shown in the conversation but never stored. */
export type ChatNote =
  | { id: string; kind: 'model-list'; afterMessageId?: string; groups: ProviderGroup[]; error?: ErrorCode }
  | { id: string; kind: 'memory-cleared'; afterMessageId?: string };

/** A banner above the composer for failures that belong to no answer. */
export interface ChatNotice {
  code: ErrorCode;
  /** `send`: the question was not sent (the draft is back in the composer); `warning`: it was. */
  kind: 'send' | 'warning' | 'history' | 'settings';
}

export type HistoryPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface ChatState {
  conversationId?: string;
  /** Loaded messages, oldest first. */
  messages: Message[];
  historyPhase: HistoryPhase;
  /** Cursor of the next older page; undefined when the oldest message is loaded. */
  olderCursor?: string;
  loadingOlder: boolean;
  /** The question on screen while it is being saved and answered. */
  pendingQuestion?: Message;
  streaming?: StreamingAnswer;
  notes: ChatNote[];
  notice?: ChatNotice;
  draft: string;
  /** The model and mode of the open conversation (or of the next new one). */
  modelId: string;
  mode: string;
  /** Answer from the user's documents (search, then cite) in the open conversation. */
  useDocuments: boolean;

  open(conversationId: string | undefined): Promise<void>;
  loadOlder(): Promise<void>;
  setDraft(text: string): void;
  /** Sends the draft (or runs the command it spells). */
  send(): Promise<void>;
  stop(): void;
  retry(messageId: string): Promise<void>;
  clearMemory(): Promise<void>;
  setModel(modelId: string): Promise<void>;
  setMode(mode: string): Promise<void>;
  setUseDocuments(on: boolean): void;
  /** Puts a finished document summary into the open conversation (a new one when none is open). */
  postSummary(record: DocumentRecord): Promise<void>;
  dismissNotice(): void;
  /** Aborts a running answer and drops timers (on sign-out). */
  dispose(): void;
}

export interface ChatDeps {
  ports: Required<Pick<ChatPorts, 'model' | 'conversations' | 'callLog'>> & ChatPorts;
  conversations: ConversationsStore;
  settings: SettingsStore;
  drafts: Drafts;
  /** Per conversation: whether questions are answered from the user's documents. */
  documentFlags?: ConversationFlags;
  /** How to search the user's documents; absent when the deployment has no index. */
  documentSearch?: DocumentGrounding;
  language(): Language;
  scheduleFrame: FrameScheduler;
  /** When a sent question appears on screen (default: at once). */
  feedback?: FeedbackScheduler;
  /** Called when a service says the credentials are no longer valid (the draft is already safe). */
  onSessionExpired(): void;
  newId(): string;
  now(): number;
  pageSize?: number;
  retry?: RetryPolicy;
}

export type SetChat = (partial: Partial<ChatState> | ((state: ChatState) => Partial<ChatState>)) => void;
export type GetChat = () => ChatState;
