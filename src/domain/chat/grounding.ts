// Answering from the user's documents: before the model is called, a follow-up is rewritten as a
// standalone question (only when there is history), the index is searched in the question's
// language, and the current turn becomes numbered passages plus the question. When the search
// finds nothing or cannot run, the answer comes from the model alone and says which it was.
import { detectLanguage } from '../documents/language.ts';
import { condensedQuestion, condensePrompt, groundedPrompt, noPassagesNote, type PagePiece } from '../documents/rag.ts';
import { type AppError, toAppError } from '../errors.ts';
import type { CallLog, ChatModel, Clock, Retriever } from '../ports.ts';
import type { CallKind, CallLogEntry, Language, Passage, PromptMessage, RetrievalOutcome } from '../types.ts';

export interface DocumentGrounding {
  retriever: Retriever;
  /**
   * Where a passage is in its PDF, when the search did not say (the index holds plain text): the
   * passage cut at its page breaks, each piece with its page; undefined when unknown.
   */
  locate?: (documentId: string, passageText: string) => Promise<PagePiece[] | undefined>;
  /** Passages to ask for (the retriever's default when absent). */
  limit?: number;
}

export interface GroundingInput {
  documents: DocumentGrounding;
  question: string;
  /** Earlier turns the model will see, oldest first (empty for a first question). */
  earlier: readonly PromptMessage[];
  /** The mode's system prompt, which grounding extends. */
  system: string;
  /** The UI language, for the instructions added to the system prompt. */
  language: Language;
  modelId: string;
  model: ChatModel;
  signal: AbortSignal;
  clock: Clock;
  callLog: CallLog;
  newId: () => string;
  conversationId: string;
}

export interface Grounded {
  /** Absent when the search was cancelled before it finished. */
  retrieval?: RetrievalOutcome;
  passages: Passage[];
  system: string;
  /** The current user turn as the model sees it (never what is saved or shown). */
  userText: string;
  kind: CallKind;
  /** Side failures (a search error, a call-log write) to pass on as warnings. */
  warnings: AppError[];
  /** Call-log writes still in flight; awaited after the answer so they do not delay it. */
  pending: Promise<AppError | undefined>[];
}

const CONDENSE_MAX_TOKENS = 256;

async function condense(input: GroundingInput, pending: Grounded['pending']): Promise<string> {
  const started = input.clock.now();
  const request = {
    modelId: input.modelId,
    prompt: condensePrompt(input.earlier, input.question, detectLanguage(input.question, input.language)),
    params: { temperature: 0, maxTokens: CONDENSE_MAX_TOKENS },
  };
  const log = (entry: Pick<CallLogEntry, 'status'> & Partial<CallLogEntry>) =>
    pending.push(
      input.callLog
        .record({
          id: input.newId(),
          at: new Date(started).toISOString(),
          kind: 'condense',
          modelId: input.modelId,
          conversationId: input.conversationId,
          attempt: 1,
          totalMs: input.clock.now() - started,
          ...entry,
        })
        .then(
          () => undefined,
          (e: unknown) => toAppError(e, 'storage'),
        ),
    );
  try {
    const response = await input.model.complete(request, input.signal);
    log({ status: 'complete', ...response.usage });
    return condensedQuestion(response.text, input.question);
  } catch (e) {
    const error = toAppError(e, 'model');
    log({ status: 'error', errorCode: input.signal.aborted ? 'aborted' : error.code });
    // A failed rewrite is not worth failing the answer for: search with the question as asked.
    return input.question;
  }
}

/** Passages with their pages; one that crosses a page break becomes one passage per page. */
async function withPages(passages: Passage[], locate: DocumentGrounding['locate']): Promise<Passage[]> {
  if (!locate) return passages;
  const located = await Promise.all(
    passages.map(async (passage): Promise<Passage[]> => {
      if (passage.page !== undefined) return [passage];
      const pieces = await locate(passage.documentId, passage.text).catch(() => undefined);
      if (!pieces || pieces.length === 0) return [passage];
      return pieces.map((piece) => ({ ...passage, text: piece.text, page: piece.page }));
    }),
  );
  return located.flat();
}

/** Call after the question is saved; emits nothing itself (the caller reports `searching`). */
export async function groundQuestion(input: GroundingInput): Promise<Grounded> {
  const warnings: AppError[] = [];
  const pending: Grounded['pending'] = [];
  const plain = (retrieval: RetrievalOutcome | undefined, system = input.system): Grounded => ({
    ...(retrieval ? { retrieval } : {}),
    passages: [],
    system,
    userText: input.question,
    kind: 'chat',
    warnings,
    pending,
  });

  const query = input.earlier.length > 0 ? await condense(input, pending) : input.question;
  if (input.signal.aborted) return plain(undefined);

  let passages: Passage[];
  const search = (language: Language) =>
    input.documents.retriever.retrieve(
      { text: query, language, ...(input.documents.limit === undefined ? {} : { limit: input.documents.limit }) },
      input.signal,
    );
  try {
    const language = detectLanguage(input.question, input.language);
    passages = await search(language);
    // The index keeps each document under its own language, and a question in English about a
    // Korean document (or the other way round) is common: look there too before giving up.
    if (passages.length === 0 && !input.signal.aborted) passages = await search(language === 'ko' ? 'en' : 'ko');
  } catch (e) {
    if (input.signal.aborted) return plain(undefined);
    const error = toAppError(e, 'index');
    // No index is a known state the UI explains; any other failure is worth a warning.
    if (error.code !== 'kendra-unavailable') warnings.push(error);
    return plain('unavailable');
  }
  if (input.signal.aborted) return plain(undefined);
  if (passages.length === 0) return plain('no-passages', `${input.system}\n\n${noPassagesNote(input.language)}`);

  const located = await withPages(passages, input.documents.locate);
  const prompt = groundedPrompt(located, input.question, input.language);
  return {
    retrieval: 'grounded',
    passages: located,
    system: `${input.system}\n\n${prompt.system}`,
    userText: prompt.userText,
    kind: 'rag',
    warnings,
    pending,
  };
}
