// Sending a question, stopping an answer, retrying a failed one and the typed commands. The model
// call itself is the domain's runChat; this file keeps the screen in step with it.
import { toAppError, type AppError, type ErrorCode } from '../domain/errors.ts';
import type { AnswerStatus } from '../domain/chat/streamAnswer.ts';
import { clearMemory as clearMemoryUseCase, runChat, titleFrom } from '../domain/chat/runChat.ts';
import { parseCommand } from '../domain/memory.ts';
import type { Conversation, Message } from '../domain/types.ts';
import { immediateFeedback } from './chatFeedback.ts';
import { createFrameBuffer, type FrameBuffer } from './chatFrameBuffer.ts';
import { activeConversation, draftKey } from './chatHistory.ts';
import { regenerateAnswer } from '../domain/chat/runChat.ts';
import type { ChatDeps, ChatState, GetChat, SetChat, StreamingAnswer } from './chatTypes.ts';
import { inferenceParams } from './settingsStore.ts';

type SendActions = Pick<ChatState, 'send' | 'stop' | 'retry' | 'clearMemory' | 'dispose'>;

interface Run {
  runId: string;
  controller: AbortController;
  buffer: FrameBuffer;
  onDelta(delta: string): void;
  onStatus(status: AnswerStatus): void;
  /** The answer's state while the screen has not caught up with a send yet (see chatFeedback.ts). */
  hidden?: StreamingAnswer;
  /** Brings the screen up to date at once (a send that ends before its feedback was due). */
  showNow?: () => void;
}

export function createSendActions(set: SetChat, get: GetChat, deps: ChatDeps): SendActions {
  /** The answer in progress; a run whose id no longer matches `streaming.runId` was left behind. */
  let current: Run | undefined;
  const feedback = deps.feedback ?? immediateFeedback;

  const mine = (run: Run) => get().streaming?.runId === run.runId;

  /** Starts an answer: one abort controller and one frame buffer per answer. */
  const begin = (streaming: Omit<StreamingAnswer, 'runId'>, options: { hidden?: boolean } = {}): Run => {
    const runId = deps.newId();
    const update = (change: (s: StreamingAnswer) => Partial<StreamingAnswer>) => {
      if (run.hidden) {
        if (!run.hidden.stopped) run.hidden = { ...run.hidden, ...change(run.hidden) };
        return;
      }
      set((s) => (s.streaming?.runId === runId && !s.streaming.stopped ? { streaming: { ...s.streaming, ...change(s.streaming) } } : {}));
    };
    const buffer = createFrameBuffer(deps.scheduleFrame, (deltas) => update((s) => ({ text: s.text + deltas })));
    const run: Run = {
      runId,
      controller: new AbortController(),
      buffer,
      onDelta: (delta) => buffer.push(delta),
      onStatus: (status) => {
        if (status.phase === 'retrying') update(() => ({ phase: 'retrying', attempt: status.attempt + 1, retryDelayMs: status.delayMs }));
        else if (status.phase === 'waiting') update(() => ({ phase: 'waiting', attempt: status.attempt }));
        else if (status.phase === 'searching') update(() => ({ phase: 'searching' }));
        else update(() => ({ phase: 'streaming' }));
      },
    };
    current = run;
    if (options.hidden) run.hidden = { ...streaming, runId };
    else set({ streaming: { ...streaming, runId }, notice: undefined });
    return run;
  };

  const end = (run: Run) => {
    run.showNow?.();
    run.buffer.flush();
    if (current === run) current = undefined;
  };

  const reportAnswer = (assistant: Message, warnings: AppError[]) => {
    const expired = assistant.errorCode === 'session-expired' || warnings.some((w) => w.code === 'session-expired');
    if (expired) deps.onSessionExpired();
    const warning = warnings[0];
    if (warning) set({ notice: { code: warning.code, kind: 'warning' } });
  };

  const common = () => {
    const { modelId, mode, useDocuments } = get();
    const { settings } = deps.settings.getState();
    return {
      modelId,
      mode,
      language: deps.language(),
      params: inferenceParams(settings, modelId),
      memoryTurns: settings.memoryTurns,
      ...(useDocuments && deps.documentSearch ? { documents: deps.documentSearch } : {}),
    };
  };

  /** Undefined (with a notice) when the chosen model has no known chat format. */
  const safeOptions = () => {
    try {
      return common();
    } catch (e) {
      set({ notice: { code: toAppError(e).code, kind: 'send' } });
      return undefined;
    }
  };

  const runCommand = async (command: 'list-models' | 'clear-memory') => {
    get().setDraft('');
    if (command === 'clear-memory') {
      await get().clearMemory();
      return;
    }
    await deps.settings.getState().loadModels();
    const { models, modelsError } = deps.settings.getState();
    const afterMessageId = get().messages.at(-1)?.id;
    set((s) => ({
      notes: [...s.notes, { id: deps.newId(), kind: 'model-list', groups: models, ...(afterMessageId ? { afterMessageId } : {}), ...(modelsError ? { error: modelsError } : {}) }],
    }));
  };

  const sendQuestion = async (text: string) => {
    const wasNew = get().conversationId === undefined;
    const conversationId = get().conversationId ?? deps.newId();
    const options = safeOptions();
    if (!options) return;
    const sentDraft = get().draft;
    // The stored draft empties at once; on a failure before the question is saved the text comes back.
    deps.drafts.set(draftKey(get().conversationId), '');
    const pendingQuestion: Message = { id: `pending-${deps.newId()}`, conversationId, role: 'user', text, status: 'complete', createdAt: new Date(deps.now()).toISOString() };
    const run = begin({ phase: 'saving', text: '', attempt: 1, modelId: options.modelId, stopped: false }, { hidden: true });
    let saved = false;
    /** A new conversation appears in the sidebar once its first question is saved. */
    const announceNew = () => {
      if (!wasNew || !mine(run)) return;
      const now = new Date(deps.now()).toISOString();
      const provisional: Conversation = { id: conversationId, title: titleFrom(text), modelId: options.modelId, mode: options.mode, createdAt: now, updatedAt: now, messageCount: 1 };
      set({ conversationId });
      deps.documentFlags?.move(draftKey(undefined), conversationId);
      deps.conversations.getState().upsert(provisional);
      deps.conversations.getState().select(conversationId);
    };
    const shown = feedback(() => {
      const streaming = run.hidden;
      if (!streaming) return;
      run.hidden = undefined;
      // The reader opened another conversation meanwhile: the answer is saved where it belongs.
      if (get().conversationId !== (wasNew ? undefined : conversationId)) return;
      // Whatever was typed after Enter, before the screen caught up, stays in the composer.
      const draft = get().draft === sentDraft ? '' : get().draft;
      set({ draft, pendingQuestion, streaming, notice: undefined });
      if (saved) announceNew();
    });
    run.showNow = shown.now;
    const onStatus = (status: AnswerStatus) => {
      run.onStatus(status);
      if (saved) return;
      // The first status comes right after the question was saved, as the next request goes out.
      saved = true;
      if (run.hidden) shown.ready();
      else announceNew();
    };
    try {
      const result = await runChat(
        {
          ...options,
          conversationId,
          userText: text,
          history: get().messages,
          // The list already holds the conversation (or knows it is new), so runChat need not read it.
          existing: wasNew ? null : (deps.conversations.getState().conversations.find((c) => c.id === conversationId) ?? undefined),
          signal: run.controller.signal,
          onDelta: run.onDelta,
          onStatus,
          ...(deps.retry ? { retry: deps.retry } : {}),
        },
        deps.ports,
      );
      end(run);
      // If the reader moved to another conversation meanwhile, the answer is saved but not shown here.
      if (mine(run)) {
        set((s) => ({
          conversationId,
          messages: [...s.messages, result.userMessage, result.assistantMessage],
          pendingQuestion: undefined,
          streaming: undefined,
        }));
      }
      deps.conversations.getState().upsert(result.conversation);
      reportAnswer(result.assistantMessage, result.warnings);
    } catch (e) {
      end(run);
      const code: ErrorCode = toAppError(e, 'storage').code;
      const key = draftKey(wasNew ? undefined : conversationId);
      if (mine(run)) {
        const restored = get().draft === '' ? text : get().draft;
        deps.drafts.set(key, restored);
        set({ pendingQuestion: undefined, streaming: undefined, draft: restored, notice: { code, kind: 'send' }, ...(wasNew ? { conversationId: undefined } : {}) });
      } else if (deps.drafts.get(key) === '') {
        deps.drafts.set(key, text);
      }
      if (code === 'session-expired') deps.onSessionExpired();
    }
  };

  return {
    async send() {
      const state = get();
      const text = state.draft.trim();
      // `current` also covers a send whose question is not on screen yet.
      if (text === '' || state.streaming || current) return;
      const command = parseCommand(text);
      if (command) await runCommand(command);
      else await sendQuestion(text);
    },

    stop() {
      if (!current) return;
      current.showNow?.();
      // The text on screen freezes now; the partial answer is saved when the use case returns.
      current.buffer.flush();
      current.controller.abort();
      set((s) => (s.streaming ? { streaming: { ...s.streaming, stopped: true } } : {}));
    },

    async retry(messageId) {
      const state = get();
      if (state.streaming) return;
      const index = state.messages.findIndex((m) => m.id === messageId);
      const failed = state.messages[index];
      const conversation = activeConversation(deps, state.conversationId);
      if (!failed || failed.role !== 'assistant' || !conversation) return;
      let questionIndex = index - 1;
      while (questionIndex >= 0 && state.messages[questionIndex]?.role !== 'user') questionIndex--;
      const question = state.messages[questionIndex];
      if (!question) return;
      const options = safeOptions();
      if (!options) return;
      const run = begin({ phase: 'waiting', text: '', attempt: 1, modelId: options.modelId, stopped: false, replacesId: failed.id });
      const result = await regenerateAnswer(
        { ...options, conversation, replaces: failed, userText: question.text, history: state.messages.slice(0, questionIndex), signal: run.controller.signal, onDelta: run.onDelta, onStatus: run.onStatus, ...(deps.retry ? { retry: deps.retry } : {}) },
        deps.ports,
      );
      end(run);
      if (mine(run)) set((s) => ({ messages: s.messages.map((m) => (m.id === failed.id ? result.assistantMessage : m)), streaming: undefined }));
      deps.conversations.getState().upsert(result.conversation);
      reportAnswer(result.assistantMessage, result.warnings);
    },

    async clearMemory() {
      const { conversationId } = get();
      const afterMessageId = get().messages.at(-1)?.id;
      if (!conversationId) {
        set((s) => ({ notes: [...s.notes, { id: deps.newId(), kind: 'memory-cleared', ...(afterMessageId ? { afterMessageId } : {}) }] }));
        return;
      }
      try {
        const marker = await clearMemoryUseCase(conversationId, { conversations: deps.ports.conversations, newId: deps.newId });
        set((s) => ({ messages: [...s.messages, marker] }));
      } catch (e) {
        const code = toAppError(e, 'storage').code;
        if (code === 'session-expired') deps.onSessionExpired();
        set({ notice: { code, kind: 'settings' } });
      }
    },

    dispose() {
      current?.controller.abort();
      current?.buffer.cancel();
      current = undefined;
    },
  };
}
