import { describe, expect, it } from 'vitest';
import { runChat, clearMemory, regenerateAnswer, titleFrom, type RunChatInput } from '../../../../src/domain/chat/runChat.ts';
import { AppError, type ErrorCode } from '../../../../src/domain/errors.ts';
import { MODES } from '../../../../src/domain/prompts/modes.ts';
import type { Message, MessageStatus } from '../../../../src/domain/types.ts';
import { FakeClock, MemoryCallLog, MemoryConversations, ScriptedModel, fakeSleep, sequentialIds, type Step } from '../support/fakes.ts';

const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const throttled = (): Step => ({ type: 'error', error: new AppError('throttled', { message: 'slow down' }) });
const delta = (text: string): Step => ({ type: 'text-delta', text });
const end: Step = { type: 'message-end', stopReason: 'end', raw: 'end_turn' };

function setup(scripts: Step[][], controller = new AbortController()) {
  const clock = new FakeClock();
  const model = new ScriptedModel(scripts, clock);
  const conversations = new MemoryConversations();
  const callLog = new MemoryCallLog();
  const delays: number[] = [];
  const deltas: string[] = [];
  const statuses: string[] = [];
  const input: RunChatInput = {
    conversationId: 'c1',
    userText: '서울의 인구는?',
    modelId: MODEL,
    mode: 'chat',
    language: 'ko',
    params: { temperature: 0.5, maxTokens: 1024 },
    history: [],
    signal: controller.signal,
    onDelta: (d) => deltas.push(d),
    onStatus: (s) => statuses.push(s.phase),
  };
  const ports = { model, conversations, callLog, clock, sleep: fakeSleep(clock, delays), newId: sequentialIds('m') };
  return { clock, model, conversations, callLog, delays, deltas, statuses, input, ports, controller };
}

describe('runChat', () => {
  it('saves the question first, streams, then saves the complete answer with usage and timings', async () => {
    const t = setup([]);
    const savedBeforeCall: number[] = [];
    t.model.scripts.push([
      { run: () => savedBeforeCall.push(t.conversations.messages.length) },
      { advanceMs: 300 },
      { type: 'usage', inputTokens: 12, outputTokens: 1 },
      delta('약 '),
      { advanceMs: 200 },
      delta('940만 명입니다.'),
      { type: 'usage', outputTokens: 9 },
      end,
    ]);
    const result = await runChat(t.input, t.ports);

    expect(savedBeforeCall).toEqual([1]);
    expect(t.deltas).toEqual(['약 ', '940만 명입니다.']);
    expect(t.statuses).toEqual(['waiting', 'streaming']);
    expect(result.userMessage).toMatchObject({ role: 'user', text: '서울의 인구는?', status: 'complete' });
    expect(result.assistantMessage).toMatchObject({
      role: 'assistant',
      text: '약 940만 명입니다.',
      status: 'complete',
      stopReason: 'end',
      modelId: MODEL,
      usage: { inputTokens: 12, outputTokens: 9 },
      timings: { ttftMs: 300, totalMs: 500 },
    });
    expect(result.assistantMessage.errorCode).toBeUndefined();
    expect(t.conversations.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(t.conversations.messages[0]!.id < t.conversations.messages[1]!.id).toBe(true);
    expect(t.conversations.conversations.get('c1')).toMatchObject({ title: '서울의 인구는?', messageCount: 2, modelId: MODEL, mode: 'chat' });
    expect(t.callLog.entries).toEqual([
      expect.objectContaining({ kind: 'chat', modelId: MODEL, conversationId: 'c1', attempt: 1, status: 'complete', inputTokens: 12, outputTokens: 9, ttftMs: 300, totalMs: 500 }),
    ]);
  });

  interface OutcomeCase {
    name: string;
    scripts: Step[][];
    status: MessageStatus;
    errorCode: ErrorCode | undefined;
    text: string;
    delays: number[];
    logStatuses: MessageStatus[];
  }

  const outcomes: OutcomeCase[] = [
    {
      name: 'throttled twice before the first token, then answers',
      scripts: [[throttled()], [{ throws: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }) }], [delta('네'), end]],
      status: 'complete',
      errorCode: undefined,
      text: '네',
      delays: [1000, 2000],
      logStatuses: ['error', 'error', 'complete'],
    },
    {
      name: 'throttled on every attempt gives up after three',
      scripts: [[throttled()], [throttled()], [throttled()], [delta('never')]],
      status: 'error',
      errorCode: 'throttled',
      text: '',
      delays: [1000, 2000],
      logStatuses: ['error', 'error', 'error'],
    },
    {
      name: 'throttled inside the stream keeps the partial text and does not retry',
      scripts: [[delta('절반까지'), throttled()], [delta('again'), end]],
      status: 'partial',
      errorCode: 'throttled',
      text: '절반까지',
      delays: [],
      logStatuses: ['partial'],
    },
    {
      name: 'a stream cut after text keeps it as partial',
      scripts: [[delta('일부'), { throws: Object.assign(new Error('boom'), { name: 'ModelStreamErrorException' }) }]],
      status: 'partial',
      errorCode: 'stream-cut',
      text: '일부',
      delays: [],
      logStatuses: ['partial'],
    },
    {
      name: 'a stream that just stops without message-end is cut',
      scripts: [[delta('말하다가')]],
      status: 'partial',
      errorCode: 'stream-cut',
      text: '말하다가',
      delays: [],
      logStatuses: ['partial'],
    },
    {
      name: 'access denied is not retried',
      scripts: [[{ throws: Object.assign(new Error('no access'), { name: 'AccessDeniedException' }) }], [end]],
      status: 'error',
      errorCode: 'model-access-denied',
      text: '',
      delays: [],
      logStatuses: ['error'],
    },
    {
      name: 'max tokens is a complete answer with its stop reason',
      scripts: [[delta('길고 긴'), { type: 'message-end', stopReason: 'max-tokens' }]],
      status: 'complete',
      errorCode: undefined,
      text: '길고 긴',
      delays: [],
      logStatuses: ['complete'],
    },
  ];

  it.each(outcomes)('$name', async (c) => {
    const t = setup(c.scripts);
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage.status).toBe(c.status);
    expect(result.assistantMessage.errorCode).toBe(c.errorCode);
    expect(result.assistantMessage.text).toBe(c.text);
    expect(t.delays).toEqual(c.delays);
    expect(t.callLog.entries.map((e) => e.status)).toEqual(c.logStatuses);
    expect(t.callLog.entries.map((e) => e.attempt)).toEqual(c.logStatuses.map((_, i) => i + 1));
    expect(t.conversations.messages.at(-1)).toEqual(result.assistantMessage);
  });

  it('stop during the stream saves what arrived as partial/aborted', async () => {
    const controller = new AbortController();
    const t = setup([[delta('멈추기 '), delta('전'), { run: () => controller.abort() }, delta('이후'), end]], controller);
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage).toMatchObject({ status: 'partial', errorCode: 'aborted', text: '멈추기 전' });
    expect(t.callLog.entries).toEqual([expect.objectContaining({ status: 'partial', errorCode: 'aborted' })]);
  });

  it('stop while waiting to retry ends without another attempt', async () => {
    const controller = new AbortController();
    const t = setup([[throttled()], [delta('x'), end]], controller);
    t.ports.sleep = async () => {
      controller.abort();
      throw new AppError('aborted');
    };
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage).toMatchObject({ status: 'partial', errorCode: 'aborted', text: '' });
    expect(t.model.requests).toHaveLength(1);
  });

  it('sends the mode’s system prompt and the memory window, newest question last', async () => {
    const at = (id: string, role: Message['role'], text: string, status: Message['status'] = 'complete'): Message => ({
      id,
      conversationId: 'c1',
      role,
      text,
      status,
      createdAt: '2026-11-21T00:00:00.000Z',
      ...(role === 'marker' ? { marker: 'memory-cleared' as const } : {}),
    });
    const t = setup([[delta('ok'), end]]);
    t.input.mode = 'translate';
    t.input.language = 'en';
    t.input.history = [
      at('a1', 'user', 'forgotten'),
      at('a2', 'assistant', 'forgotten answer'),
      at('a3', 'marker', ''),
      at('a4', 'user', '사과'),
      at('a5', 'assistant', 'apple'),
      at('a6', 'user', '배'),
      at('a7', 'assistant', '', 'error'),
    ];
    await runChat(t.input, t.ports);
    expect(t.model.requests[0]?.prompt).toEqual({
      system: MODES.translate.system.en,
      messages: [
        { role: 'user', text: '사과' },
        { role: 'assistant', text: 'apple' },
        { role: 'user', text: '서울의 인구는?' },
      ],
    });
  });

  it('rejects an unknown model family before saving anything', async () => {
    const t = setup([[end]]);
    t.input.modelId = 'cohere.command-r-v1:0';
    await expect(runChat(t.input, t.ports)).rejects.toMatchObject({ code: 'unknown-model-family' });
    expect(t.conversations.messages).toEqual([]);
    expect(t.model.requests).toEqual([]);
  });

  it('rejects when the question cannot be saved, without calling the model', async () => {
    const t = setup([[end]]);
    t.conversations.failSaveMessage = () => Object.assign(new Error('expired'), { name: 'ExpiredTokenException' });
    await expect(runChat(t.input, t.ports)).rejects.toMatchObject({ code: 'session-expired' });
    expect(t.model.requests).toEqual([]);
  });

  it('returns the answer with a warning when saving it fails', async () => {
    const t = setup([[delta('답'), end]]);
    t.conversations.failSaveMessage = (m) => (m.role === 'assistant' ? Object.assign(new Error('x'), { name: 'ServiceUnavailableException' }) : undefined);
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage).toMatchObject({ text: '답', status: 'complete' });
    expect(result.warnings.map((w) => w.code)).toEqual(['service-unavailable']);
  });

  it('keeps an existing conversation’s title and creation time', async () => {
    const t = setup([[delta('답'), end]]);
    await t.conversations.saveConversation({
      id: 'c1',
      title: '처음 제목',
      modelId: 'x',
      mode: 'chat',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      messageCount: 4,
    });
    const result = await runChat(t.input, t.ports);
    expect(result.conversation).toMatchObject({ title: '처음 제목', createdAt: '2026-01-01T00:00:00.000Z', messageCount: 6 });
  });
});

describe('runChat before the first token', () => {
  it('stores only the question before calling the model, reading nothing when the caller knows the conversation', async () => {
    const t = setup([[delta('네.'), end]]);
    const calls: string[] = [];
    const repo = t.conversations;
    const original = { saveMessage: repo.saveMessage.bind(repo), getConversation: repo.getConversation.bind(repo) };
    repo.saveMessage = async (m) => (calls.push(`saveMessage:${m.role}`), original.saveMessage(m));
    repo.getConversation = async (id) => (calls.push('getConversation'), original.getConversation(id));
    t.model.scripts[0]!.unshift({ run: () => calls.push('model') });
    await runChat({ ...t.input, existing: null }, t.ports);
    expect(calls.slice(0, 2)).toEqual(['saveMessage:user', 'model']);
    expect(calls).not.toContain('getConversation');
  });

  it('streams the answer even when the conversation item cannot be written, and warns', async () => {
    const t = setup([[delta('네.'), end]]);
    t.conversations.saveConversation = async () => {
      throw new AppError('throttled', { message: 'slow down' });
    };
    const result = await runChat(t.input, t.ports);
    expect(result.assistantMessage).toMatchObject({ status: 'complete', text: '네.' });
    expect(result.warnings.map((w) => w.code)).toContain('throttled');
  });
});

describe('regenerateAnswer', () => {
  it('answers the saved question again and replaces the cut answer under the same id', async () => {
    const t = setup([[delta('약 '), { type: 'error', error: new AppError('stream-cut', { message: 'cut' }) }]]);
    const first = await runChat(t.input, t.ports);
    expect(first.assistantMessage).toMatchObject({ status: 'partial', text: '약 ', errorCode: 'stream-cut' });

    t.model.scripts.push([delta('약 940만 명입니다.'), end]);
    const retried = await regenerateAnswer(
      { ...t.input, conversation: first.conversation, replaces: first.assistantMessage, history: [] },
      t.ports,
    );

    expect(retried.assistantMessage).toMatchObject({ id: first.assistantMessage.id, createdAt: first.assistantMessage.createdAt, status: 'complete', text: '약 940만 명입니다.' });
    expect(retried.assistantMessage.errorCode).toBeUndefined();
    expect(retried.conversation.messageCount).toBe(first.conversation.messageCount);
    // One question, one answer: the retry wrote no new message and no second question.
    expect(t.conversations.messages.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'complete']]);
    expect(t.callLog.entries).toHaveLength(2);
    // The model saw the question, not the failed partial answer.
    expect(t.model.requests.at(-1)?.prompt.messages).toEqual([{ role: 'user', text: '서울의 인구는?' }]);
  });
});

describe('clearMemory', () => {
  it('saves a memory-cleared marker', async () => {
    const conversations = new MemoryConversations();
    const marker = await clearMemory('c1', { conversations, newId: () => 'z1', clock: new FakeClock(0) });
    expect(conversations.messages).toEqual([
      { id: 'z1', conversationId: 'c1', role: 'marker', marker: 'memory-cleared', text: '', status: 'complete', createdAt: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(marker.id).toBe('z1');
  });
});

describe('titleFrom', () => {
  it.each([
    ['  서울 여행 계획\n세부 일정', '서울 여행 계획'],
    ['가'.repeat(45), `${'가'.repeat(40)}…`],
  ])('%j → %j', (text, title) => {
    expect(titleFrom(text)).toBe(title);
  });
});
