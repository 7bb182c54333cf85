// Summarizing a whole document, however long: one streamed call when the text fits the model's
// input budget; otherwise the text is cut on paragraph boundaries, the parts are summarized a few
// at a time (retrying throttled calls with backoff), and the part summaries are combined, in more
// rounds when they still do not fit together. Only the last call streams to the reader.
import { AppError } from '../errors.ts';
import { newId as defaultNewId } from '../ids.ts';
import { estimateTokens, historyBudget } from '../memory.ts';
import { modelLimits } from '../models/registry.ts';
import type { CallLog, ChatModel, Clock, Sleep } from '../ports.ts';
import { sleep as defaultSleep, systemClock } from '../time.ts';
import type { InferenceParams, Language, Prompt } from '../types.ts';
import { streamAnswer, type RetryPolicy } from '../chat/streamAnswer.ts';
import { splitForBudget } from './chunk.ts';

export const DEFAULT_SUMMARY_CONCURRENCY = 3;
/** Several calls run at once, so throttling is likelier than in chat; wait longer before giving up. */
export const SUMMARY_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000 };
/** A part cut mid-stream was shown to nobody and is asked again, this many times in all. */
const PART_ROUNDS = 2;
/** Combining rounds before giving up on a model whose summaries do not get shorter. */
const MAX_COMBINE_ROUNDS = 6;
/** A part summary gets at least this many tokens, however many parts there are. */
const MIN_PART_TOKENS = 256;
const DEFAULT_TEMPERATURE = 0.3;

export interface SummaryProgress {
  /** Calls of this phase finished so far. */
  done: number;
  total: number;
  /** `parts`: the document's parts; `combine`: an intermediate round of merging; `final`: the streamed summary. */
  phase: 'parts' | 'combine' | 'final';
}

export interface SummarizeInput {
  text: string;
  /** The document's language; prompts and the summary use it. */
  language: Language;
  modelId: string;
  model: ChatModel;
  signal: AbortSignal;
  params?: Partial<InferenceParams>;
  /** Calls in flight at once while summarizing parts (default 3). */
  concurrency?: number;
  sleep?: Sleep;
  clock?: Clock;
  callLog?: CallLog;
  documentId?: string;
  newId?: () => string;
  retry?: RetryPolicy;
  /** Tokens of document text per call; by default what the model's context window leaves. */
  budgetTokens?: number;
  onProgress?: (progress: SummaryProgress) => void;
  /** The final summary as it streams, with the whole text so far. */
  onDelta?: (delta: string, text: string) => void;
}

export interface SummaryResult {
  summary: string;
  /** Parts the document was cut into (1 when it fit one call). */
  parts: number;
}

const SYSTEM: Record<Language, string> = {
  ko: [
    '당신은 문서를 요약하는 도우미입니다.',
    '요약은 한국어로 쓰세요.',
    '문서 전체의 목적, 요점, 중요한 사실과 수치, 결론을 빠짐없이 담으세요.',
    '문서에 없는 내용은 덧붙이지 마세요.',
    '짧은 문단이나 글머리 기호로 쓰세요.',
  ].join(' '),
  en: [
    'You are an assistant that summarizes documents.',
    'Write the summary in English.',
    'Keep the purpose, the main points, the key facts and figures, and the conclusions of the whole text.',
    'Do not add anything that is not in the document.',
    'Use short paragraphs or bullet points.',
  ].join(' '),
};

const QUESTION = {
  whole: { ko: '이 문서를 요약해 주세요.', en: 'Summarize this document.' },
  part: {
    ko: (i: number, n: number) => `긴 문서의 ${i}/${n} 부분입니다. 이 부분을 요약해 주세요.`,
    en: (i: number, n: number) => `This is part ${i} of ${n} of a longer document. Summarize this part.`,
  },
  combine: {
    ko: '한 문서를 차례로 나눈 부분들의 요약입니다. 문서 전체의 요약 하나로 합쳐 주세요.',
    en: 'These are summaries of the consecutive parts of one document. Combine them into one summary of the whole document.',
  },
} as const;

const PART_LABEL: Record<Language, (i: number, n: number) => string> = {
  ko: (i, n) => `[부분 ${i}/${n}]`,
  en: (i, n) => `[Part ${i}/${n}]`,
};

/** The one user-turn shape every summary call uses (the local offline engine reads these tags). */
export function summaryUserTurn(documentText: string, question: string): string {
  return `<document>\n${documentText}\n</document>\n\n<question>${question}</question>`;
}

const noCallLog: CallLog = {
  record: async () => undefined,
  list: async () => ({ items: [] }),
  remove: async () => undefined,
};

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops the rest. */
async function boundedAll<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  onDone: (done: number) => void,
): Promise<R[]> {
  const inner = new AbortController();
  const forward = () => inner.abort();
  signal.addEventListener('abort', forward, { once: true });
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    while (!inner.signal.aborted && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index, inner.signal);
        onDone(++done);
      } catch (e) {
        failure ??= e;
        inner.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    signal.removeEventListener('abort', forward);
  }
  if (signal.aborted) throw new AppError('aborted');
  if (failure !== undefined) throw failure;
  return results;
}

export async function summarizeDocument(input: SummarizeInput): Promise<SummaryResult> {
  const { language, signal } = input;
  const limits = modelLimits(input.modelId); // an unknown model family fails before any call
  const maxTokens = Math.min(input.params?.maxTokens ?? limits.defaultMaxTokens, limits.maxOutputTokens);
  const system = SYSTEM[language];
  const frame = estimateTokens(summaryUserTurn('', QUESTION.part[language](999, 999))) + 8;
  const budget = Math.max(64, input.budgetTokens ?? historyBudget(limits, maxTokens, system) - frame);
  const clock = input.clock ?? systemClock;
  const sleep = input.sleep ?? defaultSleep;
  const newId = input.newId ?? defaultNewId;
  const callLog = input.callLog ?? noCallLog;
  const concurrency = input.concurrency ?? DEFAULT_SUMMARY_CONCURRENCY;
  const progress = (phase: SummaryProgress['phase'], done: number, total: number) => input.onProgress?.({ phase, done, total });

  const call = async (userText: string, answerTokens: number, callSignal: AbortSignal, streamed: boolean): Promise<string> => {
    const prompt: Prompt = { system, messages: [{ role: 'user', text: userText }] };
    const params: InferenceParams = {
      temperature: input.params?.temperature ?? DEFAULT_TEMPERATURE,
      ...(input.params?.topP === undefined ? {} : { topP: input.params.topP }),
      maxTokens: answerTokens,
    };
    for (let round = 1; ; round++) {
      if (callSignal.aborted) throw new AppError('aborted');
      const result = await streamAnswer({
        model: input.model,
        request: { modelId: input.modelId, prompt, params },
        kind: 'summary',
        signal: callSignal,
        clock,
        sleep,
        callLog,
        newId,
        retry: input.retry ?? SUMMARY_RETRY,
        ...(input.documentId === undefined ? {} : { documentId: input.documentId }),
        ...(streamed && input.onDelta ? { onDelta: input.onDelta } : {}),
      });
      if (result.status === 'complete') return result.text.trim();
      const error = result.error ?? new AppError('unknown', { message: 'the summary call ended without text' });
      if (callSignal.aborted || error.code === 'aborted') throw new AppError('aborted');
      // The streamed final was already shown in part, so only hidden calls start over.
      if (!streamed && error.retryable && round < PART_ROUNDS) continue;
      throw error;
    }
  };

  const final = async (userText: string) => {
    progress('final', 0, 1);
    const summary = await call(userText, maxTokens, signal, true);
    progress('final', 1, 1);
    return summary;
  };

  if (estimateTokens(input.text) <= budget) {
    return { summary: await final(summaryUserTurn(input.text.trim(), QUESTION.whole[language])), parts: 1 };
  }

  const parts = splitForBudget(input.text, budget);
  // Room for each part summary so that, together, they are likely to fit one combining call.
  const partTokens = Math.min(maxTokens, Math.max(MIN_PART_TOKENS, Math.floor(budget / parts.length)));
  progress('parts', 0, parts.length);
  let summaries = await boundedAll(
    parts,
    concurrency,
    signal,
    (part, i, partSignal) => call(summaryUserTurn(part, QUESTION.part[language](i + 1, parts.length)), partTokens, partSignal, false),
    (done) => progress('parts', done, parts.length),
  );

  for (let round = 1; ; round++) {
    const labelled = summaries.map((s, i) => `${PART_LABEL[language](i + 1, summaries.length)}\n${s}`).join('\n\n');
    if (estimateTokens(labelled) <= budget) {
      return { summary: await final(summaryUserTurn(labelled, QUESTION.combine[language])), parts: parts.length };
    }
    if (round > MAX_COMBINE_ROUNDS) {
      throw new AppError('context-too-long', { message: `the part summaries still exceed ${budget} tokens after ${MAX_COMBINE_ROUNDS} rounds` });
    }
    const groups = splitForBudget(labelled, budget);
    const groupTokens = Math.min(maxTokens, Math.max(MIN_PART_TOKENS, Math.floor(budget / groups.length)));
    progress('combine', 0, groups.length);
    summaries = await boundedAll(
      groups,
      concurrency,
      signal,
      (group, _i, groupSignal) => call(summaryUserTurn(group, QUESTION.combine[language]), groupTokens, groupSignal, false),
      (done) => progress('combine', done, groups.length),
    );
  }
}
