// The chat use case: save the question, send it with the conversation's memory, stream the answer,
// save the answer with its status, usage and timings. A store calls it; tests drive it with fakes.
import { citationsFrom } from '../documents/rag.ts';
import { AppError, toAppError } from '../errors.ts';
import { newId as defaultNewId } from '../ids.ts';
import { historyBudget, memoryWindow } from '../memory.ts';
import { modelLimits } from '../models/registry.ts';
import type { CallLog, ChatModel, Clock, ConversationRepository, Sleep } from '../ports.ts';
import { systemPromptFor } from '../prompts/modes.ts';
import { nextTask, sleep as defaultSleep, systemClock } from '../time.ts';
import type { Conversation, InferenceParams, Language, Message } from '../types.ts';
import { groundQuestion, type DocumentGrounding, type Grounded } from './grounding.ts';
import { streamAnswer, type AnswerResult, type AnswerStatus, type RetryPolicy } from './streamAnswer.ts';

export type { DocumentGrounding } from './grounding.ts';

export interface ChatPorts {
  model: ChatModel;
  conversations: ConversationRepository;
  callLog: CallLog;
  clock?: Clock;
  sleep?: Sleep;
  newId?: () => string;
}

export interface RunChatInput {
  conversationId: string;
  userText: string;
  /** The id to invoke (model id, profile id or ARN). */
  modelId: string;
  /** A prompt mode id; unknown ids read as plain chat. */
  mode: string;
  /** Language of the system prompt (the UI language). */
  language: Language;
  params: InferenceParams;
  /** The conversation's messages before this question, oldest first. */
  history: readonly Message[];
  /**
   * The conversation as the caller knows it, or null for a new one; saves a read before the model
   * is called. When omitted, it is read from the repository.
   */
  existing?: Conversation | null;
  memoryTurns?: number;
  retry?: RetryPolicy;
  /**
   * Answer from the user's documents: the question (rewritten as a standalone one when there is
   * history) is searched first, and the answer cites the passages found. The status `searching`
   * comes first; the question saved and shown is always the user's own text.
   */
  documents?: DocumentGrounding;
  signal: AbortSignal;
  onDelta?: (delta: string, text: string) => void;
  onStatus?: (status: AnswerStatus) => void;
}

export interface ChatResult {
  userMessage: Message;
  assistantMessage: Message;
  conversation: Conversation;
  memory: { turnsKept: number; turnsDropped: number };
  /** Failures after the answer was shown (saving it, the call log); the UI may warn. */
  warnings: AppError[];
}

const TITLE_LENGTH = 40;

/** The first line of the first question, cut to a list-friendly length. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  const chars = [...line];
  return chars.length > TITLE_LENGTH ? `${chars.slice(0, TITLE_LENGTH).join('')}…` : line;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Rejects (with AppError) only before anything is streamed: unknown model family, or the question
 * could not be saved (a failed write of the conversation item is a warning). Everything after that resolves, with the outcome in `assistantMessage.status`.
 */
export async function runChat(input: RunChatInput, ports: ChatPorts): Promise<ChatResult> {
  const clock = ports.clock ?? systemClock;
  const newId = ports.newId ?? defaultNewId;
  modelLimits(input.modelId); // rejects an unknown model family before anything is saved
  const warnings: AppError[] = [];

  const userMessage: Message = {
    id: newId(),
    conversationId: input.conversationId,
    role: 'user',
    text: input.userText,
    status: 'complete',
    createdAt: iso(clock.now()),
  };
  let conversation: Conversation;
  try {
    await ports.conversations.saveMessage(userMessage);
    const existing = input.existing === undefined ? await ports.conversations.getConversation(input.conversationId) : input.existing;
    conversation = {
      id: input.conversationId,
      title: existing?.title || titleFrom(input.userText),
      createdAt: existing?.createdAt ?? userMessage.createdAt,
      messageCount: (existing?.messageCount ?? 0) + 1,
      modelId: input.modelId,
      mode: input.mode,
      updatedAt: userMessage.createdAt,
    };
  } catch (e) {
    throw toAppError(e, 'storage');
  }
  // Only the question must be stored before the model is called; the conversation item is
  // written meanwhile, so the first token is not held back by a second round trip. Its request is
  // built a task later, once the model request (built in this task) has gone out.
  const savingConversation = nextTask()
    .then(() => ports.conversations.saveConversation(conversation))
    .then(
      () => undefined,
      (e: unknown) => toAppError(e, 'storage'),
    );

  const answered = await answer(input, ports, { id: newId(), messageCount: conversation.messageCount + 1 }, conversation, savingConversation);
  const conversationError = await savingConversation;
  if (conversationError) warnings.push(conversationError);
  warnings.push(...answered.warnings);

  return {
    userMessage,
    assistantMessage: answered.assistantMessage,
    conversation: answered.conversation,
    memory: answered.memory,
    warnings,
  };
}

export interface RegenerateInput extends Omit<RunChatInput, 'conversationId'> {
  conversation: Conversation;
  /** The answer being replaced; its id and place in the conversation are kept. */
  replaces: Message;
}

/**
 * Retry of a failed, cut or stopped answer: the same question (already saved) is answered again
 * and the new answer replaces the old one under the same id, so history never holds two answers
 * to one question and nobody retypes anything.
 */
export async function regenerateAnswer(input: RegenerateInput, ports: ChatPorts): Promise<Omit<ChatResult, 'userMessage'>> {
  const { conversation, replaces } = input;
  return answer(
    { ...input, conversationId: conversation.id },
    ports,
    { id: replaces.id, createdAt: replaces.createdAt, messageCount: conversation.messageCount },
    conversation,
  );
}

/** Prompt with the memory window, stream the answer, save it and the conversation after it. */
async function answer(
  input: RunChatInput,
  ports: ChatPorts,
  slot: { id: string; createdAt?: string; messageCount: number },
  before: Conversation,
  /** A write of the conversation item still in flight; the final write must land after it. */
  earlierWrite?: Promise<unknown>,
): Promise<Omit<ChatResult, 'userMessage'>> {
  const clock = ports.clock ?? systemClock;
  const newId = ports.newId ?? defaultNewId;
  const limits = modelLimits(input.modelId);
  const modeSystem = systemPromptFor(input.mode, input.language);
  const windowFor = (system: string, question: string) =>
    memoryWindow(input.history, question, {
      maxTurns: input.memoryTurns,
      tokenBudget: historyBudget(limits, input.params.maxTokens, system),
    });

  const answerStarted = clock.now();
  let grounded: Grounded | undefined;
  if (input.documents) {
    input.onStatus?.({ phase: 'searching' });
    grounded = await groundQuestion({
      documents: input.documents,
      question: input.userText,
      earlier: windowFor(modeSystem, input.userText).messages.slice(0, -1),
      system: modeSystem,
      language: input.language,
      modelId: input.modelId,
      model: ports.model,
      signal: input.signal,
      clock,
      callLog: ports.callLog,
      newId,
      conversationId: input.conversationId,
    });
  }
  const system = grounded?.system ?? modeSystem;
  // Only the current turn carries the passages; earlier turns are sent as they were asked.
  const memory = windowFor(system, grounded?.userText ?? input.userText);

  const streamed: AnswerResult = input.signal.aborted
    ? stoppedBeforeAsking(clock.now() - answerStarted)
    : await streamAnswer({
        model: ports.model,
        request: { modelId: input.modelId, prompt: { system, messages: memory.messages }, params: input.params },
        kind: grounded?.kind ?? 'chat',
        signal: input.signal,
        clock,
        sleep: ports.sleep ?? defaultSleep,
        callLog: ports.callLog,
        newId,
        conversationId: input.conversationId,
        ...(input.retry ? { retry: input.retry } : {}),
        ...(input.onDelta ? { onDelta: input.onDelta } : {}),
        ...(input.onStatus ? { onStatus: input.onStatus } : {}),
      });
  const warnings = [...(grounded?.warnings ?? []), ...streamed.warnings];
  const cited = grounded?.retrieval === 'grounded' && streamed.text !== '' ? citationsFrom(streamed.text, grounded.passages) : [];

  const assistantMessage: Message = {
    id: slot.id,
    conversationId: input.conversationId,
    role: 'assistant',
    text: streamed.text,
    status: streamed.status,
    createdAt: slot.createdAt ?? iso(answerStarted),
    modelId: input.modelId,
    mode: input.mode,
    usage: streamed.usage,
    timings: streamed.timings,
    ...(streamed.stopReason ? { stopReason: streamed.stopReason } : {}),
    ...(streamed.error ? { errorCode: streamed.error.code } : {}),
    ...(grounded?.retrieval ? { retrieval: grounded.retrieval } : {}),
    ...(cited.length > 0 ? { citations: cited } : {}),
  };
  const conversation: Conversation = { ...before, modelId: input.modelId, messageCount: slot.messageCount, updatedAt: iso(clock.now()) };
  await earlierWrite;
  try {
    await ports.conversations.saveMessage(assistantMessage);
    await ports.conversations.saveConversation(conversation);
  } catch (e) {
    warnings.push(toAppError(e, 'storage'));
  }
  for (const logged of await Promise.all(grounded?.pending ?? [])) if (logged) warnings.push(logged);
  return { assistantMessage, conversation, memory: { turnsKept: memory.turnsKept, turnsDropped: memory.turnsDropped }, warnings };
}

/** Stop pressed while searching: the model is never asked, and the empty answer is kept as stopped. */
function stoppedBeforeAsking(totalMs: number): AnswerResult {
  return { text: '', status: 'partial', error: new AppError('aborted'), usage: {}, timings: { totalMs }, attempts: 0, warnings: [] };
}

/** The `clear memory` command: a marker after which earlier messages are not sent to the model. */
export async function clearMemory(
  conversationId: string,
  ports: Pick<ChatPorts, 'conversations' | 'clock' | 'newId'>,
): Promise<Message> {
  const clock = ports.clock ?? systemClock;
  const marker: Message = {
    id: (ports.newId ?? defaultNewId)(),
    conversationId,
    role: 'marker',
    marker: 'memory-cleared',
    text: '',
    status: 'complete',
    createdAt: iso(clock.now()),
  };
  try {
    await ports.conversations.saveMessage(marker);
  } catch (e) {
    throw toAppError(e, 'storage');
  }
  return marker;
}
