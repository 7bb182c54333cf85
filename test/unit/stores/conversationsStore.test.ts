import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import type { Conversation } from '../../../src/domain/types.ts';
import { memoryStorage } from '../../../src/stores/chatDrafts.ts';
import { createConversationsStore, filterConversations } from '../../../src/stores/conversationsStore.ts';
import { FakeRepository } from './fakes.ts';

const conversation = (id: string, title: string, updatedAt: string): Conversation => ({
  id,
  title,
  updatedAt,
  createdAt: updatedAt,
  modelId: 'amazon.nova-lite-v1:0',
  mode: 'chat',
  messageCount: 2,
});

function setup(list: Conversation[]) {
  const repository = new FakeRepository();
  for (const c of list) repository.conversations.set(c.id, c);
  const storage = memoryStorage();
  const make = () => createConversationsStore({ repository, storage, userKey: 'u' });
  return { repository, storage, make, store: make() };
}

const LIST = [
  conversation('a', '판교 사무실 위치', '2026-01-01T00:00:00.000Z'),
  conversation('b', 'Weekly report 요약', '2026-01-03T00:00:00.000Z'),
  conversation('c', '여행 계획', '2026-01-02T00:00:00.000Z'),
];

describe('conversations store', () => {
  it('lists by latest activity and reopens the most recent conversation after sign-in', async () => {
    const { store } = setup(LIST);
    await store.getState().load();
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(store.getState().activeId).toBe('b');
  });

  it('reopens the conversation that was open last when it still exists', async () => {
    const { store, make } = setup(LIST);
    await store.getState().load();
    store.getState().select('a');
    const again = make();
    await again.getState().load();
    expect(again.getState().activeId).toBe('a');
  });

  it('loads every page of a long list', async () => {
    const many = Array.from({ length: 230 }, (_, i) => conversation(`c${i}`, `대화 ${i}`, new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
    const { store } = setup(many);
    await store.getState().load();
    expect(store.getState().conversations).toHaveLength(230);
  });

  it('searches titles by every word, ignoring case', () => {
    expect(filterConversations(LIST, 'weekly 요약').map((c) => c.id)).toEqual(['b']);
    expect(filterConversations(LIST, '  판교 ').map((c) => c.id)).toEqual(['a']);
    expect(filterConversations(LIST, '')).toHaveLength(3);
    expect(filterConversations(LIST, '없는 제목')).toEqual([]);
  });

  it('renames and saves; a failed save puts the old title back with the error', async () => {
    const { store, repository } = setup(LIST);
    await store.getState().load();
    await store.getState().rename('a', '  새 제목 ');
    expect(repository.conversations.get('a')?.title).toBe('새 제목');
    repository.failNext.saveConversation = new AppError('offline');
    await store.getState().rename('a', '저장 안 될 제목');
    expect(store.getState().conversations.find((c) => c.id === 'a')?.title).toBe('새 제목');
    expect(store.getState().error).toBe('offline');
  });

  it('deletes a conversation and, if it was open, leaves a new one open', async () => {
    const { store, repository } = setup(LIST);
    await store.getState().load();
    await store.getState().remove('b');
    expect(repository.conversations.has('b')).toBe(false);
    expect(store.getState().activeId).toBeUndefined();
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('a failed delete keeps the conversation and reports why', async () => {
    const { store, repository } = setup(LIST);
    await store.getState().load();
    repository.failNext.deleteConversation = new AppError('access-denied');
    await store.getState().remove('c');
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['b', 'c', 'a']);
    expect(store.getState().error).toBe('access-denied');
  });

  it('reports an expired session to the composition root', async () => {
    const repository = new FakeRepository();
    const codes: string[] = [];
    const store = createConversationsStore({ repository, storage: memoryStorage(), userKey: 'u', onError: (code) => codes.push(code) });
    repository.failNext.listConversations = new AppError('session-expired');
    await store.getState().load();
    expect(store.getState().phase).toBe('error');
    expect(codes).toEqual(['session-expired']);
  });
});
