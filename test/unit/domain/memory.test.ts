import { describe, expect, it } from 'vitest';
import { estimateTokens, historyBudget, memoryWindow, parseCommand } from '../../../src/domain/memory.ts';
import type { Message } from '../../../src/domain/types.ts';

let seq = 0;
const msg = (role: Message['role'], text: string, status: Message['status'] = 'complete'): Message => ({
  id: `m${String(++seq).padStart(4, '0')}`,
  conversationId: 'c',
  role,
  text,
  status,
  createdAt: '2026-11-21T00:00:00.000Z',
  ...(role === 'marker' ? { marker: 'memory-cleared' as const } : {}),
});
const pair = (n: number) => [msg('user', `질문 ${n}`), msg('assistant', `답변 ${n}`)];
const texts = (messages: Array<{ text: string }>) => messages.map((m) => m.text);

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['안녕하세요', 5],
    ['abcd', 1],
    ['abcde', 2],
    ['Hello, world', 3],
    ['서울 Seoul', 2 + 2],
    ['café', 1],
    ['😀😀', 2],
    ['東京', 2],
  ])('%j ≈ %d', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it('counts Korean far higher than the same length of English', () => {
    expect(estimateTokens('가'.repeat(400))).toBe(400);
    expect(estimateTokens('a'.repeat(400))).toBe(100);
  });
});

describe('memoryWindow', () => {
  const big = { tokenBudget: 100_000 };

  it('keeps the last 10 turns by default and the question last', () => {
    const history = Array.from({ length: 12 }, (_, i) => pair(i + 1)).flat();
    const window = memoryWindow(history, '지금 질문', big);
    expect(window.turnsKept).toBe(10);
    expect(window.turnsDropped).toBe(2);
    expect(texts(window.messages).slice(0, 2)).toEqual(['질문 3', '답변 3']);
    expect(window.messages.at(-1)).toEqual({ role: 'user', text: '지금 질문' });
    expect(window.messages.map((m) => m.role)).toEqual([...Array(10).fill(['user', 'assistant']).flat(), 'user']);
  });

  it.each([
    [1, ['질문 3', '답변 3', 'Q']],
    [2, ['질문 2', '답변 2', '질문 3', '답변 3', 'Q']],
    [0, ['Q']],
  ])('maxTurns %d', (maxTurns, expected) => {
    const history = [1, 2, 3].flatMap(pair);
    expect(texts(memoryWindow(history, 'Q', { ...big, maxTurns }).messages)).toEqual(expected);
  });

  it('starts after the last memory-cleared marker', () => {
    const history = [...pair(1), msg('marker', ''), ...pair(2), msg('marker', ''), ...pair(3)];
    expect(texts(memoryWindow(history, 'Q', big).messages)).toEqual(['질문 3', '답변 3', 'Q']);
  });

  it('skips failed answers with their question and keeps a stopped answer’s text', () => {
    const history = [
      ...pair(1),
      msg('user', '실패한 질문'),
      msg('assistant', '', 'error'),
      msg('user', '멈춘 질문'),
      msg('assistant', '도중에 멈춘 답', 'partial'),
      msg('user', '빈 답 질문'),
      msg('assistant', '', 'partial'),
    ];
    expect(texts(memoryWindow(history, 'Q', big).messages)).toEqual(['질문 1', '답변 1', '멈춘 질문', '도중에 멈춘 답', 'Q']);
  });

  it('sends a document summary posted into the conversation as the answer to a request for it', () => {
    const summary = { ...msg('assistant', '이 문서는 연차 규정을 다룹니다.'), document: { id: 'd1', fileName: '규정.pdf' } };
    const window = memoryWindow([summary, ...pair(1)], 'Q', big);
    expect(window.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(texts(window.messages).slice(0, 2)).toEqual(['[summary of 규정.pdf]', '이 문서는 연차 규정을 다룹니다.']);
    // A stray answer with no question before it is still left out.
    expect(texts(memoryWindow([msg('assistant', '떠돌이 답')], 'Q', big).messages)).toEqual(['Q']);
  });

  it('drops the oldest turns first to fit the budget, never half a pair', () => {
    const long = '가'.repeat(100);
    const history = [msg('user', long), msg('assistant', long), ...pair(2), ...pair(3)];
    // question 1+4, each short turn (3+4)*2 = 14, the long turn 208.
    const window = memoryWindow(history, 'Q', { tokenBudget: 40 });
    expect(texts(window.messages)).toEqual(['질문 2', '답변 2', '질문 3', '답변 3', 'Q']);
    expect(window.turnsDropped).toBe(1);
    expect(window.estimatedTokens).toBe(5 + 14 + 14);
  });

  it('does not reach past a turn that does not fit to take an older one', () => {
    const long = '가'.repeat(100);
    const history = [...pair(1), msg('user', long), msg('assistant', long), ...pair(3)];
    expect(texts(memoryWindow(history, 'Q', { tokenBudget: 60 }).messages)).toEqual(['질문 3', '답변 3', 'Q']);
  });

  it('always keeps the question, even over budget', () => {
    const question = '나'.repeat(50);
    const window = memoryWindow(pair(1), question, { tokenBudget: 10 });
    expect(window.messages).toEqual([{ role: 'user', text: question }]);
    expect(window.overBudget).toBe(true);
  });
});

describe('historyBudget', () => {
  it('leaves room for the answer, the system prompt and a tenth in reserve', () => {
    expect(historyBudget({ contextWindow: 8192, defaultMaxTokens: 1024, maxOutputTokens: 2048 }, 1024, '가'.repeat(100))).toBe(
      8192 - 1024 - 100 - 820,
    );
    expect(historyBudget({ contextWindow: 1000, defaultMaxTokens: 1, maxOutputTokens: 1 }, 2000, '')).toBe(0);
  });
});

describe('parseCommand', () => {
  it.each([
    ['list models', 'list-models'],
    ['  LIST   Models  ', 'list-models'],
    ['listmodels', 'list-models'],
    ['/list models', 'list-models'],
    ['모델 목록', 'list-models'],
    ['모델목록', 'list-models'],
    ['clear memory', 'clear-memory'],
    ['Clear Memory!', 'clear-memory'],
    ['메모리 지우기', 'clear-memory'],
    [' 메모리지우기. ', 'clear-memory'],
    ['list models please', undefined],
    ['모델 목록을 보여줘', undefined],
    ['please clear memory', undefined],
    ['', undefined],
  ])('%j → %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });
});
