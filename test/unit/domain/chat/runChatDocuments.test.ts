import { describe, expect, it } from 'vitest';
import { regenerateAnswer, runChat, type RunChatInput } from '../../../../src/domain/chat/runChat.ts';
import { condensePrompt, groundedPrompt, noPassagesNote } from '../../../../src/domain/documents/rag.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { ChatModel, Retriever, RetrieveQuery } from '../../../../src/domain/ports.ts';
import { MODES } from '../../../../src/domain/prompts/modes.ts';
import type { Message, ModelRequest, ModelResponse, Passage } from '../../../../src/domain/types.ts';
import { FakeClock, MemoryCallLog, MemoryConversations, ScriptedModel, fakeSleep, sequentialIds, type Step } from '../support/fakes.ts';

const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const delta = (text: string): Step => ({ type: 'text-delta', text });
const end: Step = { type: 'message-end', stopReason: 'end' };

const PASSAGES: Passage[] = [
  { documentId: 'd1', title: '취업규칙.pdf', text: '연차는 입사 1년 후 15일이 주어진다.', page: 4, uri: 'private/me/documents/d1/취업규칙.pdf' },
  { documentId: 'd1', title: '취업규칙.pdf', text: '병가는 연 10일까지 유급이다.' },
  { documentId: 'd2', title: '복지.txt', text: '경조사 휴가는 5일이다.' },
];

/** ScriptedModel's streams plus scripted non-streamed replies (the condensing call). */
class GroundingModel implements ChatModel {
  readonly completions: ModelRequest[] = [];
  completeReplies: (ModelResponse | AppError)[] = [];
  private readonly scripted: ScriptedModel;
  constructor(scripts: Step[][], clock: FakeClock) {
    this.scripted = new ScriptedModel(scripts, clock);
  }
  get requests() {
    return this.scripted.requests;
  }
  get scripts() {
    return this.scripted.scripts;
  }
  stream(request: ModelRequest, signal: AbortSignal) {
    return this.scripted.stream(request, signal);
  }
  async complete(request: ModelRequest): Promise<ModelResponse> {
    this.completions.push(request);
    const reply = this.completeReplies.shift();
    if (!reply) throw new AppError('validation', { message: 'no scripted completion' });
    if (reply instanceof AppError) throw reply;
    return reply;
  }
}

class FakeRetriever implements Retriever {
  readonly queries: RetrieveQuery[] = [];
  constructor(
    public result: Passage[] | AppError,
    private readonly before?: () => void,
  ) {}
  async retrieve(query: RetrieveQuery): Promise<Passage[]> {
    this.queries.push(query);
    this.before?.();
    if (this.result instanceof AppError) throw this.result;
    return this.result;
  }
}

const message = (id: string, role: Message['role'], text: string): Message => ({
  id,
  conversationId: 'c1',
  role,
  text,
  status: 'complete',
  createdAt: '2026-11-21T00:00:00.000Z',
});

function setup(scripts: Step[][], retriever = new FakeRetriever(PASSAGES)) {
  const clock = new FakeClock();
  const model = new GroundingModel(scripts, clock);
  const conversations = new MemoryConversations();
  const callLog = new MemoryCallLog();
  const statuses: { phase: string; savedMessages: number }[] = [];
  const controller = new AbortController();
  const input: RunChatInput = {
    conversationId: 'c1',
    userText: '병가는 며칠이야?',
    modelId: MODEL,
    mode: 'chat',
    language: 'ko',
    params: { temperature: 0.5, maxTokens: 1024 },
    history: [],
    signal: controller.signal,
    onStatus: (s) => statuses.push({ phase: s.phase, savedMessages: conversations.messages.length }),
    documents: { retriever },
  };
  const ports = { model, conversations, callLog, clock, sleep: fakeSleep(clock, []), newId: sequentialIds('m') };
  return { model, conversations, callLog, statuses, controller, input, ports, retriever };
}

describe('runChat with documents', () => {
  it('searches first, answers from numbered passages and saves the cited sources', async () => {
    const t = setup([[delta('병가는 연 10일입니다 [2]. 연차와는 별개입니다[1][7].'), end]]);
    const result = await runChat(t.input, t.ports);

    expect(t.statuses.map((s) => s.phase)).toEqual(['searching', 'waiting', 'streaming']);
    // The first status still means "the question is saved".
    expect(t.statuses[0]!.savedMessages).toBe(1);
    expect(t.model.completions).toEqual([]);
    expect(t.retriever.queries).toEqual([{ text: '병가는 며칠이야?', language: 'ko' }]);

    const grounded = groundedPrompt(PASSAGES, '병가는 며칠이야?', 'ko');
    expect(t.model.requests[0]!.prompt).toEqual({
      system: `${MODES.chat.system.ko}\n\n${grounded.system}`,
      messages: [{ role: 'user', text: grounded.userText }],
    });
    expect(result.userMessage.text).toBe('병가는 며칠이야?');
    expect(t.conversations.messages[0]!.text).toBe('병가는 며칠이야?');
    expect(result.assistantMessage).toMatchObject({ status: 'complete', retrieval: 'grounded' });
    expect(result.assistantMessage.citations).toEqual([
      { index: 2, documentId: 'd1', title: '취업규칙.pdf', excerpt: '병가는 연 10일까지 유급이다.' },
      { index: 1, documentId: 'd1', title: '취업규칙.pdf', excerpt: '연차는 입사 1년 후 15일이 주어진다.', page: 4, uri: 'private/me/documents/d1/취업규칙.pdf' },
    ]);
    expect(t.conversations.messages.at(-1)).toEqual(result.assistantMessage);
    expect(t.callLog.entries.map((e) => e.kind)).toEqual(['rag']);
  });

  it('with history, rewrites the follow-up as a standalone question, searches for that, and keeps earlier turns plain', async () => {
    const t = setup([[delta('10일입니다 [1]'), end]]);
    t.input.history = [message('a1', 'user', '연차 규정 알려줘'), message('a2', 'assistant', '연차는 15일입니다.')];
    t.input.userText = '그럼 병가는?';
    t.model.completeReplies = [{ text: '병가는 며칠인가요?', usage: { inputTokens: 40, outputTokens: 8 }, stopReason: 'end' }];
    const result = await runChat(t.input, t.ports);

    expect(t.model.completions).toHaveLength(1);
    expect(t.model.completions[0]!.prompt).toEqual(
      condensePrompt(
        [
          { role: 'user', text: '연차 규정 알려줘' },
          { role: 'assistant', text: '연차는 15일입니다.' },
        ],
        '그럼 병가는?',
        'ko',
      ),
    );
    expect(t.retriever.queries).toEqual([{ text: '병가는 며칠인가요?', language: 'ko' }]);
    expect(t.model.requests[0]!.prompt.messages).toEqual([
      { role: 'user', text: '연차 규정 알려줘' },
      { role: 'assistant', text: '연차는 15일입니다.' },
      { role: 'user', text: groundedPrompt(PASSAGES, '그럼 병가는?', 'ko').userText },
    ]);
    expect(result.userMessage.text).toBe('그럼 병가는?');
    expect(t.callLog.entries.map((e) => [e.kind, e.status])).toEqual([
      ['condense', 'complete'],
      ['rag', 'complete'],
    ]);
    expect(t.callLog.entries[0]).toMatchObject({ conversationId: 'c1', inputTokens: 40, outputTokens: 8, modelId: MODEL });
  });

  it('searches with the question as asked when the rewrite fails', async () => {
    const t = setup([[delta('답 [1]'), end]]);
    t.input.history = [message('a1', 'user', '연차?'), message('a2', 'assistant', '15일.')];
    t.model.completeReplies = [new AppError('throttled')];
    const result = await runChat(t.input, t.ports);
    expect(t.retriever.queries[0]!.text).toBe('병가는 며칠이야?');
    expect(result.assistantMessage).toMatchObject({ status: 'complete', retrieval: 'grounded' });
    expect(t.callLog.entries.map((e) => [e.kind, e.status, e.errorCode])).toEqual([
      ['condense', 'error', 'throttled'],
      ['rag', 'complete', undefined],
    ]);
  });

  it('filters the search by the language of the question', async () => {
    const t = setup([[delta('Ten days [1]'), end]]);
    t.input.userText = 'How many sick days do I get?';
    await runChat(t.input, t.ports);
    expect(t.retriever.queries[0]!.language).toBe('en');
  });

  it('answers as plain chat that says so when nothing is found', async () => {
    const t = setup([[delta('문서에는 없지만 일반적으로…'), end]], new FakeRetriever([]));
    const result = await runChat(t.input, t.ports);
    expect(t.model.requests[0]!.prompt).toEqual({
      system: `${MODES.chat.system.ko}\n\n${noPassagesNote('ko')}`,
      messages: [{ role: 'user', text: '병가는 며칠이야?' }],
    });
    expect(result.assistantMessage.retrieval).toBe('no-passages');
    expect(result.assistantMessage.citations).toBeUndefined();
    expect(t.callLog.entries.map((e) => e.kind)).toEqual(['chat']);
  });

  it.each([
    ['no index', new AppError('kendra-unavailable'), []],
    ['a failing search', new AppError('throttled'), ['throttled']],
  ])('answers as plain chat when the search is unavailable (%s)', async (_name, error, warnings) => {
    const t = setup([[delta('일반 답변'), end]], new FakeRetriever(error));
    const result = await runChat(t.input, t.ports);
    expect(t.model.requests[0]!.prompt).toEqual({ system: MODES.chat.system.ko, messages: [{ role: 'user', text: '병가는 며칠이야?' }] });
    expect(result.assistantMessage).toMatchObject({ status: 'complete', retrieval: 'unavailable', text: '일반 답변' });
    expect(result.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it('finds the page of a passage the search gave without one, ignoring lookups that fail', async () => {
    const t = setup([[delta('[2] [3]'), end]]);
    const looked: string[] = [];
    t.input.documents = {
      retriever: t.retriever,
      locate: async (documentId, text) => {
        looked.push(`${documentId}:${text.slice(0, 2)}`);
        if (documentId === 'd2') throw new AppError('not-found');
        return [{ text, page: 9 }];
      },
    };
    const result = await runChat(t.input, t.ports);
    expect(looked.sort()).toEqual(['d1:병가', 'd2:경조']);
    expect(t.model.requests[0]!.prompt.messages[0]!.text).toContain('[2] (취업규칙.pdf · p.9) 병가는');
    expect(t.model.requests[0]!.prompt.messages[0]!.text).toContain('[3] (복지.txt) 경조사');
    expect(result.assistantMessage.citations?.map((c) => [c.index, c.page])).toEqual([
      [2, 9],
      [3, undefined],
    ]);
  });

  it('a question in English about a Korean document looks in the Korean documents too', async () => {
    const korean = new (class extends FakeRetriever {
      override async retrieve(query: RetrieveQuery): Promise<Passage[]> {
        await super.retrieve(query);
        return query.language === 'ko' ? PASSAGES.slice(1, 2) : [];
      }
    })([]);
    const t = setup([[delta('10 days [1].'), end]], korean);
    t.input.userText = 'How many days of sick leave do I get?';
    const result = await runChat(t.input, t.ports);
    expect(korean.queries.map((q) => q.language)).toEqual(['en', 'ko']);
    expect(result.assistantMessage).toMatchObject({ retrieval: 'grounded', citations: [{ index: 1, documentId: 'd1' }] });
  });

  it('a passage that crosses a page break is cited page by page', async () => {
    const t = setup([[delta('둘째 쪽 내용 [3]'), end]]);
    t.input.documents = {
      retriever: t.retriever,
      locate: async (_documentId, text) =>
        text.startsWith('병가')
          ? [
              { text: '병가는 연 10일까지', page: 4 },
              { text: '유급이다.', page: 5 },
            ]
          : undefined,
    };
    const result = await runChat(t.input, t.ports);
    const prompt = t.model.requests[0]!.prompt.messages[0]!.text;
    expect(prompt).toContain('[1] (취업규칙.pdf · p.4) 연차는');
    expect(prompt).toContain('[2] (취업규칙.pdf · p.4) 병가는 연 10일까지\n');
    expect(prompt).toContain('[3] (취업규칙.pdf · p.5) 유급이다.');
    expect(prompt).toContain('[4] (복지.txt) 경조사');
    expect(result.assistantMessage.citations?.map((c) => [c.index, c.title, c.page])).toEqual([[3, '취업규칙.pdf', 5]]);
  });

  it('stop while searching: the model is never asked and the answer is saved as stopped', async () => {
    const t = setup([[delta('never'), end]]);
    t.input.documents = {
      retriever: new FakeRetriever(PASSAGES, () => t.controller.abort()),
    };
    const result = await runChat(t.input, t.ports);
    expect(t.model.requests).toEqual([]);
    expect(result.assistantMessage).toMatchObject({ status: 'partial', errorCode: 'aborted', text: '' });
    expect(result.assistantMessage.retrieval).toBeUndefined();
    expect(t.conversations.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('keeps no citations when the grounded answer failed before any text', async () => {
    const t = setup([[{ type: 'error', error: new AppError('model-access-denied') }]]);
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage).toMatchObject({ status: 'error', retrieval: 'grounded' });
    expect(result.assistantMessage.citations).toBeUndefined();
  });

  it('a failed question save still rejects before any search', async () => {
    const t = setup([[end]]);
    t.conversations.failSaveMessage = () => new AppError('session-expired');
    await expect(runChat(t.input, t.ports)).rejects.toMatchObject({ code: 'session-expired' });
    expect(t.retriever.queries).toEqual([]);
    expect(t.statuses).toEqual([]);
  });

  it('regenerating an answer searches again and replaces it under the same id', async () => {
    const t = setup([[delta('병가는'), { type: 'error', error: new AppError('stream-cut') }]]);
    const first = await runChat(t.input, t.ports);
    expect(first.assistantMessage).toMatchObject({ status: 'partial', retrieval: 'grounded' });
    t.model.scripts.push([delta('10일 [2]'), end]);
    const again = await regenerateAnswer({ ...t.input, conversation: first.conversation, replaces: first.assistantMessage }, t.ports);
    expect(t.retriever.queries).toHaveLength(2);
    expect(again.assistantMessage).toMatchObject({ id: first.assistantMessage.id, status: 'complete', retrieval: 'grounded' });
    expect(again.assistantMessage.citations?.map((c) => c.index)).toEqual([2]);
  });
});
