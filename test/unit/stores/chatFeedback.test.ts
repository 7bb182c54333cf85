import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { deferredFeedback, FEEDBACK_DEADLINE_MS, type FeedbackScheduler } from '../../../src/stores/chatFeedback.ts';
import { answer, barrier } from './fakes.ts';
import { ask, makeChat, settle } from './harness.ts';

/** A feedback scheduler driven by hand: records `ready` and shows only when the test says so. */
function manualFeedback() {
  const log: string[] = [];
  let pending: (() => void) | undefined;
  const scheduler: FeedbackScheduler = (show) => {
    pending = show;
    return {
      ready: () => log.push('ready'),
      now: () => {
        log.push('now');
        show();
      },
    };
  };
  return { scheduler, log, show: () => pending?.() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('chat store: the network goes before the screen', () => {
  it('calls the model before the pending question is rendered, then shows it with the composer emptied', async () => {
    const feedback = manualFeedback();
    const gate = barrier();
    const t = makeChat({ scripts: [answer(['네', '.'], { gate: gate.wait })], feedback: feedback.scheduler });
    let shownAtCall: unknown = 'not called';
    t.model.onCall = () => (shownAtCall = t.chat.getState().pendingQuestion);

    const sending = ask(t.chat, '빨리 답해 줘');
    await settle();
    expect(shownAtCall).toBeUndefined();
    expect(feedback.log).toEqual(['ready']);
    expect(t.chat.getState().draft).toBe('빨리 답해 줘');

    feedback.show();
    expect(t.chat.getState().pendingQuestion?.text).toBe('빨리 답해 줘');
    expect(t.chat.getState().draft).toBe('');
    expect(t.chat.getState().streaming?.phase).toBe('streaming');
    // The new conversation reaches the sidebar once its question is saved and shown.
    expect(t.conversations.getState().conversations.map((c) => c.title)).toEqual(['빨리 답해 줘']);

    gate.release();
    await sending;
    expect(t.chat.getState().messages.map((m) => m.text)).toEqual(['빨리 답해 줘', '네.']);
  });

  it('keeps what was typed after Enter while the screen had not caught up', async () => {
    const feedback = manualFeedback();
    const gate = barrier();
    const t = makeChat({ scripts: [answer(['네', '.'], { gate: gate.wait })], feedback: feedback.scheduler });
    const sending = ask(t.chat, '첫 줄');
    t.chat.getState().setDraft('첫 줄 그리고 다음');
    await settle();
    feedback.show();
    expect(t.chat.getState().draft).toBe('첫 줄 그리고 다음');
    gate.release();
    await sending;
  });

  it('a second Enter before the question shows does not send it twice', async () => {
    const feedback = manualFeedback();
    const gate = barrier();
    const t = makeChat({ scripts: [answer(['한', ' 번'], { gate: gate.wait }), answer(['두 번'])], feedback: feedback.scheduler });
    const first = ask(t.chat, '한 번만');
    await t.chat.getState().send();
    await settle();
    expect(t.model.requests).toHaveLength(1);
    feedback.show();
    gate.release();
    await first;
    expect(t.chat.getState().messages.filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('a failed save shows the question at once and hands the text back', async () => {
    const feedback = manualFeedback();
    const t = makeChat({ feedback: feedback.scheduler });
    t.repository.failNext.saveMessage = new AppError('offline');
    await ask(t.chat, '저장 안 됨');
    expect(feedback.log).toEqual(['now']);
    expect(t.chat.getState()).toMatchObject({ draft: '저장 안 됨', pendingQuestion: undefined, streaming: undefined, notice: { code: 'offline', kind: 'send' } });
  });

  it('in the browser the question shows a task after the save, or at the deadline when the save is slow', async () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    const scheduler = deferredFeedback();
    const fast = scheduler(() => shown.push('fast'));
    fast.ready();
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['fast']);

    scheduler(() => shown.push('slow'));
    await vi.advanceTimersByTimeAsync(FEEDBACK_DEADLINE_MS - 1);
    expect(shown).toEqual(['fast']);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(['fast', 'slow']);

    const once = scheduler(() => shown.push('once'));
    once.now();
    once.ready();
    await vi.advanceTimersByTimeAsync(FEEDBACK_DEADLINE_MS);
    expect(shown.filter((s) => s === 'once')).toHaveLength(1);
  });
});

describe('chat store: answering from documents is a choice per conversation', () => {
  it('follows a new conversation once it has an id, and is remembered per conversation', async () => {
    const t = makeChat({ scripts: [answer(['네.']), answer(['또 네.'])] });
    expect(t.chat.getState().useDocuments).toBe(false);
    t.chat.getState().setUseDocuments(true);
    await ask(t.chat, '문서에서 찾아 줘');
    const first = t.chat.getState().conversationId!;
    expect(t.chat.getState().useDocuments).toBe(true);

    await t.chat.getState().open(undefined);
    expect(t.chat.getState().useDocuments).toBe(false);
    await ask(t.chat, '그냥 대화');
    const second = t.chat.getState().conversationId!;
    expect(second).not.toBe(first);

    await t.chat.getState().open(first);
    expect(t.chat.getState().useDocuments).toBe(true);
    await t.chat.getState().open(second);
    expect(t.chat.getState().useDocuments).toBe(false);
  });
});

describe('chat store: leaving before the question shows', () => {
  it('does not show the question in the conversation opened meanwhile; it is saved in its own', async () => {
    const feedback = manualFeedback();
    const t = makeChat({ scripts: [answer(['첫 답']), answer(['둘째 답'])] });
    await ask(t.chat, '첫 대화');
    const first = t.chat.getState().conversationId!;
    const slow = makeChat({ repository: t.repository, scripts: [answer(['늦은 답'])], feedback: feedback.scheduler });
    await slow.conversations.getState().load();
    await slow.chat.getState().open(first);
    const sending = ask(slow.chat, '빨리 떠날 질문');
    await slow.chat.getState().open(undefined);
    feedback.show();
    expect(slow.chat.getState().pendingQuestion).toBeUndefined();
    expect(slow.chat.getState().streaming).toBeUndefined();
    await sending;
    expect(slow.chat.getState().messages).toEqual([]);
    // (Two stores over one repository: their ids come from separate fake clocks, so only membership is checked.)
    expect(t.repository.messagesOf(first).map((m) => m.text)).toEqual(expect.arrayContaining(['빨리 떠날 질문', '늦은 답']));
  });
});
