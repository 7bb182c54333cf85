import { describe, expect, it } from 'vitest';
import { summarizeDocument, summaryUserTurn, type SummarizeInput, type SummaryProgress } from '../../../../src/domain/documents/summarize.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import { estimateTokens } from '../../../../src/domain/memory.ts';
import type { ModelRequest } from '../../../../src/domain/types.ts';
import { FakeClock, MemoryCallLog, fakeSleep, sequentialIds } from '../support/fakes.ts';
import { ReplyModel, throttledEvent, type Reply } from './fakes.ts';

const CLAUDE = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

function setup(reply: (request: ModelRequest, call: number) => Reply | Promise<Reply>, overrides: Partial<SummarizeInput> = {}) {
  const clock = new FakeClock();
  const delays: number[] = [];
  const progress: SummaryProgress[] = [];
  const deltas: string[] = [];
  const callLog = new MemoryCallLog();
  const model = new ReplyModel(reply);
  const controller = new AbortController();
  const input: SummarizeInput = {
    text: '',
    language: 'ko',
    modelId: CLAUDE,
    model,
    signal: controller.signal,
    clock,
    sleep: fakeSleep(clock, delays),
    callLog,
    newId: sequentialIds('log'),
    documentId: 'doc1',
    onProgress: (p) => progress.push(p),
    onDelta: (d) => deltas.push(d),
    ...overrides,
  };
  return { model, controller, input, delays, progress, deltas, callLog };
}

/** `count` paragraphs of about `tokens` estimated tokens each, numbered so parts can be told apart. */
function paragraphs(count: number, tokens: number): string {
  return Array.from({ length: count }, (_, i) => `문단${i + 1} ` + '가'.repeat(tokens - 3)).join('\n\n');
}

const partOf = (request: ModelRequest) => /part (\d+) of (\d+)|(\d+)\/(\d+) 부분/.exec(request.prompt.messages[0]!.text);
const isCombine = (request: ModelRequest) => /합쳐 주세요|Combine them/.test(request.prompt.messages[0]!.text);

describe('summarizeDocument', () => {
  it('summarizes a text that fits in one streamed call, in the document’s language', async () => {
    const t = setup(() => '서울은 한국의 수도이다.');
    const text = '서울은 대한민국의 수도이며 인구는 약 940만 명이다.\n\n한강이 도시를 가로지른다.';
    const result = await summarizeDocument({ ...t.input, text });

    expect(result).toEqual({ summary: '서울은 한국의 수도이다.', parts: 1 });
    expect(t.model.requests).toHaveLength(1);
    expect(t.model.requests[0]!.prompt.messages).toEqual([{ role: 'user', text: `<document>\n${text}\n</document>\n\n<question>이 문서를 요약해 주세요.</question>` }]);
    expect(t.model.requests[0]!.prompt.system).toContain('한국어로');
    expect(t.model.requests[0]!.params).toMatchObject({ maxTokens: 2048, temperature: 0.3 });
    expect(t.deltas.join('')).toBe('서울은 한국의 수도이다.');
    expect(t.progress).toEqual([
      { phase: 'final', done: 0, total: 1 },
      { phase: 'final', done: 1, total: 1 },
    ]);
    expect(t.callLog.entries).toEqual([expect.objectContaining({ kind: 'summary', modelId: CLAUDE, documentId: 'doc1', status: 'complete', attempt: 1 })]);
  });

  it('asks in English for an English document', async () => {
    const t = setup(() => 'Short.');
    await summarizeDocument({ ...t.input, language: 'en', text: 'Seoul is the capital of Korea.' });
    expect(t.model.userTurns).toEqual([summaryUserTurn('Seoul is the capital of Korea.', 'Summarize this document.')]);
    expect(t.model.requests[0]!.prompt.system).toContain('in English');
  });

  it('uses the whole budget the model allows before splitting', async () => {
    const t = setup(() => '요약');
    // Claude: 200k context − 2,048 answer − a tenth in reserve leaves ≈ 177k tokens of text.
    await summarizeDocument({ ...t.input, text: paragraphs(170, 1000) });
    expect(t.model.requests).toHaveLength(1);
    const llama2 = setup(() => '요약');
    await summarizeDocument({ ...llama2.input, modelId: 'meta.llama2-13b-chat-v1', text: paragraphs(4, 1000) });
    expect(llama2.model.requests.length).toBeGreaterThan(1);
  });

  it('splits a long text, summarizes parts three at a time, then combines them in one streamed call', async () => {
    const t = setup((request) => {
      if (isCombine(request)) return '전체 요약입니다.';
      const match = partOf(request)!;
      return `요약${match[3]} `;
    });
    const text = paragraphs(7, 40);
    const result = await summarizeDocument({ ...t.input, text, budgetTokens: 90 });

    expect(result).toEqual({ summary: '전체 요약입니다.', parts: 4 });
    expect(t.model.requests).toHaveLength(5);
    expect(t.model.maxInFlight).toBe(3);
    // Each part is whole paragraphs of the document, in order.
    const parts = t.model.userTurns.slice(0, 4).map((turn) => /<document>\n([\s\S]*)\n<\/document>/.exec(turn)![1]!);
    expect(parts.join('\n\n')).toBe(text);
    for (const part of parts) expect(estimateTokens(part)).toBeLessThanOrEqual(90);
    expect(t.model.userTurns[4]).toBe(
      summaryUserTurn('[부분 1/4]\n요약1\n\n[부분 2/4]\n요약2\n\n[부분 3/4]\n요약3\n\n[부분 4/4]\n요약4', '한 문서를 차례로 나눈 부분들의 요약입니다. 문서 전체의 요약 하나로 합쳐 주세요.'),
    );
    // Only the final summary streams to the reader.
    expect(t.deltas.join('')).toBe('전체 요약입니다.');
    expect(t.progress).toEqual([
      { phase: 'parts', done: 0, total: 4 },
      { phase: 'parts', done: 1, total: 4 },
      { phase: 'parts', done: 2, total: 4 },
      { phase: 'parts', done: 3, total: 4 },
      { phase: 'parts', done: 4, total: 4 },
      { phase: 'final', done: 0, total: 1 },
      { phase: 'final', done: 1, total: 1 },
    ]);
    expect(t.callLog.entries).toHaveLength(5);
    expect(new Set(t.callLog.entries.map((e) => e.kind))).toEqual(new Set(['summary']));
  });

  it('honours a smaller concurrency', async () => {
    const t = setup((request) => (isCombine(request) ? '끝' : '부분'));
    await summarizeDocument({ ...t.input, text: paragraphs(6, 40), budgetTokens: 50, concurrency: 1 });
    expect(t.model.maxInFlight).toBe(1);
  });

  it('combines in further rounds when the part summaries together still do not fit', async () => {
    const long = '가'.repeat(30);
    const t = setup((request) => {
      if (!isCombine(request)) return long;
      const text = request.prompt.messages[0]!.text;
      return text.includes('중간') ? '최종' : `중간${(text.match(/\[부분/g) ?? []).length}`;
    });
    const result = await summarizeDocument({ ...t.input, text: paragraphs(8, 40), budgetTokens: 80 });

    expect(result).toEqual({ summary: '최종', parts: 8 });
    const phases = [...new Set(t.progress.map((p) => p.phase))];
    expect(phases).toEqual(['parts', 'combine', 'final']);
    const combineRound = t.progress.filter((p) => p.phase === 'combine');
    const groups = combineRound[0]!.total;
    expect(groups).toBeGreaterThan(1);
    expect(combineRound.at(-1)).toEqual({ phase: 'combine', done: groups, total: groups });
    // Every part summary went into exactly one group of the intermediate round.
    const intermediate = t.model.requests.filter(isCombine).slice(0, groups);
    const labels = intermediate.flatMap((r) => r.prompt.messages[0]!.text.match(/\[부분 \d+\/8\]/g) ?? []);
    expect(labels).toEqual(Array.from({ length: 8 }, (_, i) => `[부분 ${i + 1}/8]`));
    expect(t.model.requests).toHaveLength(8 + groups + 1);
    expect(t.model.userTurns.at(-1)).toContain('중간');
    expect(t.deltas.join('')).toBe('최종');
  });

  it('gives up with context-too-long when summaries never get shorter', async () => {
    const t = setup((request) => request.prompt.messages[0]!.text.replace(/[^가]/g, ''));
    await expect(summarizeDocument({ ...t.input, text: paragraphs(6, 40), budgetTokens: 50 })).rejects.toMatchObject({ code: 'context-too-long' });
  });

  it('retries a throttled part with backoff, then succeeds', async () => {
    const tries = new Map<string, number>();
    const t = setup((request) => {
      if (isCombine(request)) return '합본';
      const part = partOf(request)![3]!;
      const n = (tries.get(part) ?? 0) + 1;
      tries.set(part, n);
      return part === '2' && n <= 2 ? [throttledEvent()] : `부분${part}`;
    });
    const result = await summarizeDocument({ ...t.input, text: paragraphs(3, 40), budgetTokens: 45 });
    expect(result.summary).toBe('합본');
    expect(t.delays).toEqual([1000, 2000]);
    expect(t.callLog.entries.filter((e) => e.status === 'error').map((e) => [e.errorCode, e.attempt])).toEqual([
      ['throttled', 1],
      ['throttled', 2],
    ]);
    expect(t.model.userTurns.at(-1)).toContain('[부분 2/3]\n부분2');
  });

  it('asks a hidden part again when its stream is cut after some text', async () => {
    let cut = false;
    const t = setup((request) => {
      if (isCombine(request)) return '합본';
      if (partOf(request)![3] === '1' && !cut) {
        cut = true;
        return [{ type: 'text-delta', text: '반쯤' }, { type: 'error', error: new AppError('stream-cut') }];
      }
      return `부분${partOf(request)![3]}`;
    });
    await summarizeDocument({ ...t.input, text: paragraphs(2, 40), budgetTokens: 45 });
    expect(t.model.userTurns.at(-1)).toContain('[부분 1/2]\n부분1');
  });

  it('fails with the first part’s error and makes no further calls', async () => {
    const t = setup((request) => (partOf(request)?.[3] === '2' ? [{ type: 'error', error: new AppError('model-access-denied') }] : '부분'));
    await expect(summarizeDocument({ ...t.input, text: paragraphs(6, 40), budgetTokens: 45 })).rejects.toMatchObject({ code: 'model-access-denied' });
    expect(t.model.requests.length).toBeLessThanOrEqual(3);
    expect(t.model.requests.some(isCombine)).toBe(false);
  });

  it('stops at once when cancelled mid-way: no further calls, rejects with aborted', async () => {
    let requestsAtAbort = -1;
    const t = setup((request) => {
      if (partOf(request)?.[3] === '4') {
        requestsAtAbort = t.model.requests.length;
        t.controller.abort();
      }
      return '부분';
    });
    await expect(summarizeDocument({ ...t.input, text: paragraphs(9, 40), budgetTokens: 45 })).rejects.toMatchObject({ code: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.model.requests).toHaveLength(requestsAtAbort);
    expect(t.model.requests.length).toBeLessThan(9);
    expect(t.progress.some((p) => p.phase === 'final')).toBe(false);
  });

  it('stops while waiting to retry a throttled part', async () => {
    const t = setup(() => [throttledEvent()]);
    t.input.sleep = async () => {
      t.controller.abort();
      throw new AppError('aborted');
    };
    await expect(summarizeDocument({ ...t.input, text: '짧은 문서.' })).rejects.toMatchObject({ code: 'aborted' });
    expect(t.model.requests).toHaveLength(1);
  });

  it('does not call the model when already cancelled, nor for an unknown model family', async () => {
    const t = setup(() => 'x');
    t.controller.abort();
    await expect(summarizeDocument({ ...t.input, text: '문서.' })).rejects.toMatchObject({ code: 'aborted' });
    await expect(summarizeDocument({ ...setup(() => 'x').input, modelId: 'cohere.command-r-v1:0', text: '문서.' })).rejects.toMatchObject({
      code: 'unknown-model-family',
    });
    expect(t.model.requests).toEqual([]);
  });

  it('rejects when the final streamed summary fails', async () => {
    const t = setup(() => [{ type: 'text-delta', text: '일부' }, { type: 'error', error: new AppError('stream-cut') }]);
    await expect(summarizeDocument({ ...t.input, text: '짧은 문서.' })).rejects.toMatchObject({ code: 'stream-cut' });
    expect(t.model.requests).toHaveLength(1);
  });
});
