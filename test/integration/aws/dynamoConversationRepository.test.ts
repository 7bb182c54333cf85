import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { DynamoConversationRepository } from '../../../src/aws/dynamoConversationRepository.ts';
import { AppError } from '../../../src/domain/errors.ts';
import { createIdGenerator } from '../../../src/domain/ids.ts';
import type { Conversation, Message } from '../../../src/domain/types.ts';
import { addFault, clearFaults } from '../support/stack.ts';
import { adminClients, signedInUser, type SignedInUser } from './support.ts';

const open: AwsClients[] = [];
async function repositoryFor(identityId = `ap-northeast-2:${randomUUID()}`) {
  const clients = await adminClients(identityId);
  open.push(clients);
  return { clients, repository: new DynamoConversationRepository(clients) };
}

afterEach(clearFaults);
afterAll(() => open.splice(0).forEach((c) => c.destroy()));

const newId = createIdGenerator();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 9, minute)).toISOString();

function conversation(id: string, updatedMinute: number): Conversation {
  return { id, title: `대화 ${id}`, modelId: 'anthropic.claude-3-haiku-20240307-v1:0', mode: 'general', createdAt: at(0), updatedAt: at(updatedMinute), messageCount: 0 };
}

function message(conversationId: string, text: string, extra: Partial<Message> = {}): Message {
  return { id: newId(), conversationId, role: 'user', text, status: 'complete', createdAt: new Date().toISOString(), ...extra };
}

describe('DynamoConversationRepository on the local table', () => {
  it('saves and reads back a conversation and an assistant message with every field', async () => {
    const { repository } = await repositoryFor();
    const conv = conversation('c1', 5);
    await repository.saveConversation(conv);
    expect(await repository.getConversation('c1')).toEqual(conv);
    expect(await repository.getConversation('nope')).toBeUndefined();

    const answer = message('c1', '서연의 사무실은 판교에 있어요. [1]', {
      role: 'assistant',
      status: 'partial',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      mode: 'rag',
      usage: { inputTokens: 120, outputTokens: 14 },
      timings: { ttftMs: 310, totalMs: 1290 },
      stopReason: 'max-tokens',
      errorCode: 'aborted',
      citations: [{ index: 1, documentId: 'd1', title: '회사 소개.pdf', uri: 'private/x/documents/d1/회사 소개.pdf', excerpt: '판교', page: 2 }],
    });
    const marker = message('c1', '', { role: 'marker', marker: 'memory-cleared' });
    await repository.saveMessage(answer);
    await repository.saveMessage(marker);
    const page = await repository.listMessages('c1');
    expect(page).toEqual({ items: [marker, answer] });
  });

  it('lists conversations newest updated first, page by page', async () => {
    const { repository } = await repositoryFor();
    const minutes = [3, 17, 9, 17, 1, 30, 12];
    await Promise.all(minutes.map((m, i) => repository.saveConversation(conversation(`c${i}`, m))));
    // Touching one moves it to the front.
    await repository.saveConversation(conversation('c4', 45));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repository.listConversations({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    // updatedAt 45, 30, 17 (c3 before c1: equal times order by id, descending), 12, 9, 3.
    expect(seen).toEqual(['c4', 'c5', 'c3', 'c1', 'c6', 'c2', 'c0']);
    expect(pages).toBe(3);
  });

  it('pages 27 messages newest first with cursors, and stays within the conversation', async () => {
    const { repository } = await repositoryFor();
    const written: Message[] = [];
    for (let i = 0; i < 27; i++) written.push(message('long', `메시지 ${i}`));
    await Promise.all(written.map((m) => repository.saveMessage(m)));
    // Messages of a conversation whose id extends this one's must not leak in.
    await repository.saveMessage(message('long2', '다른 대화'));

    const first = await repository.listMessages('long', { limit: 10 });
    expect(first.items.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `메시지 ${26 - i}`));
    expect(first.cursor).toEqual(expect.any(String));
    const second = await repository.listMessages('long', { limit: 10, cursor: first.cursor! });
    expect(second.items.map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `메시지 ${16 - i}`));
    const third = await repository.listMessages('long', { limit: 10, cursor: second.cursor! });
    expect(third.items.map((m) => m.text)).toEqual(Array.from({ length: 7 }, (_, i) => `메시지 ${6 - i}`));
    expect(third.cursor).toBeUndefined();

    // Exactly a page's worth left: the last page still comes without a cursor.
    const exact = await repository.listMessages('long', { limit: 27 });
    expect(exact.items).toHaveLength(27);
    expect(exact.cursor).toBeUndefined();
  });

  it('refuses a cursor from another list', async () => {
    const { repository } = await repositoryFor();
    await Promise.all([1, 2, 3].map((i) => repository.saveMessage(message('a', `a${i}`))));
    const page = await repository.listMessages('a', { limit: 1 });
    await expect(repository.listMessages('b', { limit: 1, cursor: page.cursor! })).rejects.toMatchObject({ code: 'validation' });
    await expect(repository.listMessages('a', { cursor: 'not a cursor' })).rejects.toBeInstanceOf(AppError);
  });

  it('deletes a conversation with all of its 60 messages and nothing else', async () => {
    const { clients, repository } = await repositoryFor();
    await repository.saveConversation(conversation('doomed', 1));
    await repository.saveConversation(conversation('kept', 2));
    await Promise.all(Array.from({ length: 60 }, (_, i) => repository.saveMessage(message('doomed', `m${i}`))));
    await repository.saveMessage(message('kept', '남는 메시지'));

    await repository.deleteConversation('doomed');

    expect(await repository.getConversation('doomed')).toBeUndefined();
    expect(await repository.listMessages('doomed')).toEqual({ items: [] });
    expect((await repository.listConversations()).items.map((c) => c.id)).toEqual(['kept']);
    expect((await repository.listMessages('kept')).items.map((m) => m.text)).toEqual(['남는 메시지']);
    // Nothing left under the old conversation in the raw table either.
    const raw = await (await clients.dynamodb()).send(
      new QueryCommand({
        TableName: clients.config.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': { S: clients.identityId }, ':p': { S: 'MSG#doomed#' } },
      }),
    );
    expect(raw.Count).toBe(0);
  });

  it('keeps two identities apart by key', async () => {
    const a = (await repositoryFor()).repository;
    const b = (await repositoryFor()).repository;
    await a.saveConversation(conversation('same-id', 1));
    await a.saveMessage(message('same-id', 'A의 메시지'));
    await b.saveConversation({ ...conversation('same-id', 2), title: 'B의 대화' });

    expect((await a.getConversation('same-id'))?.title).toBe('대화 same-id');
    expect((await b.getConversation('same-id'))?.title).toBe('B의 대화');
    expect((await b.listMessages('same-id')).items).toEqual([]);
    await b.deleteConversation('same-id');
    expect((await a.listMessages('same-id')).items.map((m) => m.text)).toEqual(['A의 메시지']);
  });

  it('turns a throttled write into AppError throttled', async () => {
    const { repository } = await repositoryFor();
    await addFault({ kind: 'throttle', service: 'dynamodb', operation: 'PutItem' });
    await expect(repository.saveConversation(conversation('t', 1))).rejects.toMatchObject({ name: 'AppError', code: 'throttled' });
  });
});

describe('DynamoConversationRepository with identity-pool credentials (the deployed per-user rule)', () => {
  let alice: SignedInUser;
  let bob: SignedInUser;

  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    [alice, bob] = await Promise.all([signedInUser(`alice-${suffix}`), signedInUser(`bob-${suffix}`)]);
    open.push(alice.clients, bob.clients);
  });

  it('lets each user work in their own partition', async () => {
    expect(alice.identityId).not.toBe(bob.identityId);
    const repository = new DynamoConversationRepository(alice.clients);
    await repository.saveConversation(conversation('mine', 1));
    await repository.saveMessage(message('mine', '내 메시지'));
    expect((await repository.listConversations()).items.map((c) => c.id)).toEqual(['mine']);
    expect((await repository.listMessages('mine')).items.map((m) => m.text)).toEqual(['내 메시지']);
  });

  it("denies a repository keyed to another user's partition", async () => {
    await new DynamoConversationRepository(bob.clients).saveConversation(conversation('bobs', 1));
    // Alice's credentials with Bob's identity id: every call targets Bob's pk.
    const intruder = new DynamoConversationRepository({ ...alice.clients, identityId: bob.identityId });
    await expect(intruder.listConversations()).rejects.toMatchObject({ code: 'access-denied' });
    await expect(intruder.getConversation('bobs')).rejects.toMatchObject({ code: 'access-denied' });
    await expect(intruder.saveMessage(message('bobs', '침입'))).rejects.toMatchObject({ code: 'access-denied' });
    await expect(intruder.deleteConversation('bobs')).rejects.toMatchObject({ code: 'access-denied' });
    expect(await new DynamoConversationRepository(bob.clients).getConversation('bobs')).toMatchObject({ id: 'bobs' });
  });
});
