// Retry of a failed or cut answer: the same question is answered again and the new answer replaces
// the old one under the same message id, so history never holds two answers to one question and
// nobody retypes anything. It mirrors runChat minus saving the question (which is saved already).
// TODO(domain): this belongs beside runChat as a use case; it lives here until the domain has one.
import { toAppError, type AppError } from '../domain/errors.ts';
import { newId as defaultNewId } from '../domain/ids.ts';
import { historyBudget, memoryWindow } from '../domain/memory.ts';
import { modelLimits } from '../domain/models/registry.ts';
import { systemPromptFor } from '../domain/prompts/modes.ts';
import { streamAnswer } from '../domain/chat/streamAnswer.ts';
import type { ChatPorts, RunChatInput } from '../domain/chat/runChat.ts';
import { sleep as defaultSleep, systemClock } from '../domain/time.ts';
import type { Conversation, Message } from '../domain/types.ts';

export interface RegenerateInput extends Omit<RunChatInput, 'conversationId'> {
  conversation: Conversation;
  /** The answer being replaced; its id and place in the conversation are kept. */
  replaces: Message;
}

export interface RegenerateResult {
  assistantMessage: Message;
  conversation: Conversation;
  warnings: AppError[];
}

export async function regenerateAnswer(input: RegenerateInput, ports: ChatPorts): Promise<RegenerateResult> {
  const clock = ports.clock ?? systemClock;
  const limits = modelLimits(input.modelId);
  const system = systemPromptFor(input.mode, input.language);
  const memory = memoryWindow(input.history, input.userText, {
    maxTurns: input.memoryTurns,
    tokenBudget: historyBudget(limits, input.params.maxTokens, system),
  });
  const answer = await streamAnswer({
    model: ports.model,
    request: { modelId: input.modelId, prompt: { system, messages: memory.messages }, params: input.params },
    kind: 'chat',
    signal: input.signal,
    clock,
    sleep: ports.sleep ?? defaultSleep,
    callLog: ports.callLog,
    newId: ports.newId ?? defaultNewId,
    conversationId: input.conversation.id,
    ...(input.retry ? { retry: input.retry } : {}),
    ...(input.onDelta ? { onDelta: input.onDelta } : {}),
    ...(input.onStatus ? { onStatus: input.onStatus } : {}),
  });
  const warnings = [...answer.warnings];
  const assistantMessage: Message = {
    id: input.replaces.id,
    conversationId: input.conversation.id,
    role: 'assistant',
    text: answer.text,
    status: answer.status,
    createdAt: input.replaces.createdAt,
    modelId: input.modelId,
    mode: input.mode,
    usage: answer.usage,
    timings: answer.timings,
    ...(answer.stopReason ? { stopReason: answer.stopReason } : {}),
    ...(answer.error ? { errorCode: answer.error.code } : {}),
  };
  const conversation: Conversation = { ...input.conversation, modelId: input.modelId, updatedAt: new Date(clock.now()).toISOString() };
  try {
    await ports.conversations.saveMessage(assistantMessage);
    await ports.conversations.saveConversation(conversation);
  } catch (e) {
    warnings.push(toAppError(e, 'storage'));
  }
  return { assistantMessage, conversation, warnings };
}
