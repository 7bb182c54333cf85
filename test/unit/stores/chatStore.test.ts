import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { answer, barrier, cutAfter, failing } from './fakes.ts';
import { ask, DEFAULT_MODEL, makeChat, settle } from './harness.ts';

describe('chat store: sending', () => {
  it('saves the question before calling the model, streams the answer and saves it with usage and timings', async () => {
    const t = makeChat({ scripts: [answer(['판교', '에 있습니다.'], { usage: { inputTokens: 12, outputTokens: 5 } })] });
    let savedBeforeCall: string[] = [];
    t.model.onCall = () => (savedBeforeCall = [...t.repository.messages.values()].map((m) => `${m.role}:${m.text}`));

    await ask(t.chat, '서연의 사무실은 어디에 있나요?');

    expect(savedBeforeCall).toEqual(['user:서연의 사무실은 어디에 있나요?']);
    const state = t.chat.getState();
    expect(state.streaming).toBeUndefined();
    expect(state.messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', '서연의 사무실은 어디에 있나요?', 'complete'],
      ['assistant', '판교에 있습니다.', 'complete'],
    ]);
    const saved = t.repository.messagesOf(state.conversationId!);
    expect(saved[1]).toMatchObject({ role: 'assistant', status: 'complete', modelId: DEFAULT_MODEL, usage: { inputTokens: 12, outputTokens: 5 } });
    expect(saved[1]?.timings?.totalMs).toBeTypeOf('number');
    expect(t.callLog.entries).toHaveLength(1);
    expect(t.callLog.entries[0]).toMatchObject({ kind: 'chat', status: 'complete', modelId: DEFAULT_MODEL });
  });

  it('creates the conversation on the first question, titles it, opens it in the sidebar and empties the draft', async () => {
    const t = makeChat({ scripts: [answer(['네.'])] });
    await ask(t.chat, '첫 질문입니다\n둘째 줄');
    const { conversationId, draft } = t.chat.getState();
    expect(conversationId).toBeDefined();
    expect(draft).toBe('');
    expect(t.conversations.getState().activeId).toBe(conversationId);
    expect(t.conversations.getState().conversations.map((c) => [c.title, c.messageCount])).toEqual([['첫 질문입니다', 2]]);
  });

  it('hands streamed text to the store at most once per animation frame', async () => {
    const middle = barrier();
    const last = barrier();
    const t = makeChat({
      scripts: [
        async function* () {
          yield { type: 'text-delta', text: '가' };
          await middle.wait();
          for (const text of ['나', '다', '라']) yield { type: 'text-delta', text };
          await last.wait();
          yield { type: 'message-end', stopReason: 'end' };
        },
      ],
    });
    const texts: string[] = [];
    t.chat.subscribe((s) => s.streaming && texts.at(-1) !== s.streaming.text && texts.push(s.streaming.text));

    const sending = ask(t.chat, '질문');
    await settle();
    expect(t.chat.getState().streaming).toMatchObject({ phase: 'streaming', text: '' });
    expect(t.frames.pending()).toBe(1);

    middle.release();
    await settle();
    expect(t.frames.pending()).toBe(1); // one frame for all four pieces
    expect(t.chat.getState().streaming?.text).toBe('');
    t.frames.run();
    expect(t.chat.getState().streaming?.text).toBe('가나다라');
    last.release();
    await sending;
    expect(texts.filter((x) => x !== '')).toEqual(['가나다라']);
    expect(t.chat.getState().messages.at(-1)?.text).toBe('가나다라');
  });

  it('shows the waiting phase (typing indicator) until the first token', async () => {
    const first = barrier();
    const t = makeChat({
      scripts: [
        async function* () {
          await first.wait();
          yield { type: 'text-delta', text: '안녕' };
          yield { type: 'message-end', stopReason: 'end' };
        },
      ],
    });
    const sending = ask(t.chat, '안녕?');
    await settle();
    expect(t.chat.getState().streaming).toMatchObject({ phase: 'waiting', text: '' });
    expect(t.chat.getState().pendingQuestion?.text).toBe('안녕?');
    first.release();
    await sending;
    expect(t.chat.getState().messages.at(-1)?.text).toBe('안녕');
  });
});

describe('chat store: stop, failures and retry', () => {
  it('stop aborts the request at once and keeps what arrived as a stopped partial answer', async () => {
    const gate = barrier();
    let signalSeen: AbortSignal | undefined;
    const t = makeChat({
      scripts: [
        async function* (_request, signal) {
          signalSeen = signal;
          yield { type: 'text-delta', text: '긴 답변의 ' };
          await gate.wait();
          yield { type: 'text-delta', text: '나머지' };
          yield { type: 'message-end', stopReason: 'end' };
        },
      ],
    });
    const sending = ask(t.chat, '길게 설명해 줘');
    await settle();
    t.chat.getState().stop();
    expect(signalSeen?.aborted).toBe(true);
    expect(t.chat.getState().streaming).toMatchObject({ stopped: true, text: '긴 답변의 ' });
    gate.release();
    await sending;
    const last = t.chat.getState().messages.at(-1);
    expect(last).toMatchObject({ role: 'assistant', text: '긴 답변의 ', status: 'partial', errorCode: 'aborted' });
    expect(t.repository.messagesOf(t.chat.getState().conversationId!).at(-1)).toMatchObject({ status: 'partial', errorCode: 'aborted' });
  });

  it('retries throttling before the first token with backoff, and the answer still arrives', async () => {
    const t = makeChat({ scripts: [failing('throttled'), answer(['됐습니다.'])] });
    const phases: string[] = [];
    t.chat.subscribe((s) => s.streaming && phases.at(-1) !== s.streaming.phase && phases.push(s.streaming.phase));
    await ask(t.chat, '질문');
    expect(t.chat.getState().messages.at(-1)).toMatchObject({ text: '됐습니다.', status: 'complete' });
    expect(phases).toContain('retrying');
    expect(t.sleeps).toEqual([10]);
    expect(t.callLog.entries.map((e) => [e.attempt, e.status, e.errorCode])).toEqual([
      [1, 'error', 'throttled'],
      [2, 'complete', undefined],
    ]);
  });

  it('keeps a cut answer as incomplete and Retry regenerates it in place without retyping', async () => {
    const t = makeChat({ scripts: [answer(['사전 지식.']), cutAfter(['앞부분 ']), answer(['앞부분 ', '뒷부분.'])] });
    await ask(t.chat, '첫 질문');
    await ask(t.chat, '두 번째 질문');
    const cut = t.chat.getState().messages.at(-1)!;
    expect(cut).toMatchObject({ text: '앞부분 ', status: 'partial', errorCode: 'stream-cut' });

    await t.chat.getState().retry(cut.id);

    const messages = t.chat.getState().messages;
    expect(messages.map((m) => m.text)).toEqual(['첫 질문', '사전 지식.', '두 번째 질문', '앞부분 뒷부분.']);
    expect(messages.at(-1)).toMatchObject({ id: cut.id, status: 'complete' });
    // The retried request carries the same question and the earlier turn, not the cut answer.
    expect(t.model.requests[2]?.prompt.messages.map((m) => m.text)).toEqual(['첫 질문', '사전 지식.', '두 번째 질문']);
    const stored = t.repository.messagesOf(t.chat.getState().conversationId!);
    expect(stored.map((m) => m.text)).toEqual(['첫 질문', '사전 지식.', '두 번째 질문', '앞부분 뒷부분.']);
  });

  it('offline when saving the question: nothing is sent, the draft comes back and a specific notice shows', async () => {
    const t = makeChat({ scripts: [answer(['x'])] });
    t.repository.failNext.saveMessage = new AppError('offline');
    await ask(t.chat, '오프라인 질문');
    const state = t.chat.getState();
    expect(t.model.requests).toHaveLength(0);
    expect(state.draft).toBe('오프라인 질문');
    expect(state.notice).toEqual({ code: 'offline', kind: 'send' });
    expect(state.pendingQuestion).toBeUndefined();
    expect(state.conversationId).toBeUndefined();
    expect(t.storage.getItem('seoyeon.draft.user-1.new')).toBe('오프라인 질문');
  });

  it('an expired session asks to sign in again and keeps the draft', async () => {
    const t = makeChat();
    t.repository.failNext.saveMessage = new AppError('session-expired');
    await ask(t.chat, '만료 전 작성한 글');
    expect(t.onSessionExpired).toHaveBeenCalledTimes(1);
    expect(t.storage.getItem('seoyeon.draft.user-1.new')).toBe('만료 전 작성한 글');
  });

  it('an answer that fails with an expired session is marked failed and asks to sign in again', async () => {
    const t = makeChat({ scripts: [failing('session-expired')] });
    await ask(t.chat, '질문');
    expect(t.chat.getState().messages.at(-1)).toMatchObject({ status: 'error', errorCode: 'session-expired' });
    expect(t.onSessionExpired).toHaveBeenCalled();
  });
});

describe('chat store: moving between conversations while an answer streams', () => {
  it('stops the answer, saves it as stopped, and never shows it in the conversation opened instead', async () => {
    const gate = barrier();
    const t = makeChat({
      scripts: [
        answer(['첫 대화 답.']),
        async function* (_request, signal) {
          yield { type: 'text-delta', text: '진행 중' };
          await gate.wait();
          if (!signal.aborted) yield { type: 'message-end', stopReason: 'end' };
        },
      ],
    });
    await ask(t.chat, '첫 대화');
    const first = t.chat.getState().conversationId!;
    t.conversations.getState().startNew();
    await settle();
    const sending = ask(t.chat, '두 번째 대화');
    await settle();
    const second = t.chat.getState().conversationId!;
    expect(second).not.toBe(first);

    t.conversations.getState().select(first);
    await settle();
    gate.release();
    await sending;
    await settle();

    expect(t.chat.getState().conversationId).toBe(first);
    expect(t.chat.getState().streaming).toBeUndefined();
    expect(t.chat.getState().messages.map((m) => m.text)).toEqual(['첫 대화', '첫 대화 답.']);
    expect(t.repository.messagesOf(second).at(-1)).toMatchObject({ role: 'assistant', status: 'partial', errorCode: 'aborted', text: '진행 중' });
  });
});

describe('chat store: commands, memory and model choice', () => {
  it('`list models` shows the supported streaming models as a note without calling a model', async () => {
    const t = makeChat();
    await ask(t.chat, 'list models');
    const note = t.chat.getState().notes[0];
    expect(note?.kind).toBe('model-list');
    const groups = note?.kind === 'model-list' ? note.groups : [];
    expect(groups.map((g) => [g.provider, g.models.map((m) => m.id)])).toEqual([
      ['Amazon', ['amazon.nova-lite-v1:0']],
      ['Anthropic', ['us.anthropic.claude-3-5-haiku-20241022-v1:0']],
    ]);
    expect(t.model.requests).toHaveLength(0);
    expect(t.chat.getState().draft).toBe('');
  });

  it('`clear memory` starts the memory afresh without deleting history', async () => {
    const t = makeChat({ scripts: [answer(['첫 답.']), answer(['둘째 답.'])] });
    await ask(t.chat, '첫 질문');
    await ask(t.chat, '메모리 지우기');
    await ask(t.chat, '둘째 질문');
    expect(t.model.requests[1]?.prompt.messages.map((m) => m.text)).toEqual(['둘째 질문']);
    const roles = t.repository.messagesOf(t.chat.getState().conversationId!).map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant', 'marker', 'user', 'assistant']);
  });

  it('the chosen model is remembered per conversation', async () => {
    const t = makeChat({ scripts: [answer(['a']), answer(['b'])] });
    await ask(t.chat, '하나');
    const first = t.chat.getState().conversationId!;
    await t.chat.getState().setModel('amazon.nova-lite-v1:0');
    expect(t.repository.conversations.get(first)?.modelId).toBe('amazon.nova-lite-v1:0');

    t.conversations.getState().startNew();
    await settle();
    expect(t.chat.getState().modelId).toBe(DEFAULT_MODEL);
    await ask(t.chat, '둘');
    expect(t.model.requests[1]?.modelId).toBe(DEFAULT_MODEL);

    t.conversations.getState().select(first);
    await settle();
    expect(t.chat.getState().modelId).toBe('amazon.nova-lite-v1:0');
  });
});

describe('chat store: history and drafts', () => {
  it('loads the newest page first and older pages on demand', async () => {
    const scripts = Array.from({ length: 5 }, (_, i) => answer([`답 ${i}`]));
    const t = makeChat({ scripts });
    for (let i = 0; i < 5; i++) await ask(t.chat, `질문 ${i}`);
    const id = t.chat.getState().conversationId!;

    const again = makeChat({ repository: t.repository });
    await again.conversations.getState().load();
    await settle();
    expect(again.chat.getState().conversationId).toBe(id);
    expect(again.chat.getState().messages.map((m) => m.text)).toEqual(['질문 3', '답 3', '질문 4', '답 4']);
    await again.chat.getState().loadOlder();
    await again.chat.getState().loadOlder();
    expect(again.chat.getState().messages.map((m) => m.text)).toEqual(Array.from({ length: 5 }, (_, i) => [`질문 ${i}`, `답 ${i}`]).flat());
    expect(again.chat.getState().olderCursor).toBeUndefined();
  });

  it('keeps a draft per conversation across a reload', async () => {
    const t = makeChat({ scripts: [answer(['a'])] });
    await ask(t.chat, '질문');
    const id = t.chat.getState().conversationId!;
    t.chat.getState().setDraft('아직 안 보낸 글');

    const reloaded = makeChat({ repository: t.repository, storage: t.storage });
    await reloaded.conversations.getState().load();
    await settle();
    expect(reloaded.chat.getState().conversationId).toBe(id);
    expect(reloaded.chat.getState().draft).toBe('아직 안 보낸 글');
  });
});
