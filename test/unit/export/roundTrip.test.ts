import { describe, expect, it } from 'vitest';
import { exportConversations } from '../../../src/domain/export/exportConversations.ts';
import { importBundle } from '../../../src/domain/export/importBundle.ts';
import { parseExport } from '../../../src/domain/export/parseExport.ts';
import { toJson } from '../../../src/domain/export/schema.ts';
import { AppError } from '../../../src/domain/errors.ts';
import type { Message } from '../../../src/domain/types.ts';
import { plainConversation, richConversation, seed } from './support/bundle.ts';
import { MemoryConversations } from './support/fakes.ts';

const withoutIds = ({ id: _id, conversationId: _c, ...rest }: Message) => rest;

describe('export → JSON → parse → import', () => {
  it('recreates every conversation and message field except the ids, in order', async () => {
    const source = new MemoryConversations();
    const first = richConversation('c1');
    const second = plainConversation('c2', 30, 7);
    await seed(source, first);
    await seed(source, second);

    const bundle = await exportConversations({ conversations: source }, 'all', { pageSize: 2, now: () => new Date('2026-12-01T00:00:00Z') });
    const text = toJson(bundle);
    const parsed = parseExport(text);
    expect(parsed).toEqual(bundle);

    const target = new MemoryConversations();
    const result = await importBundle({ conversations: target }, parsed, { language: 'ko' });
    expect(result.conversationIds).toHaveLength(2);
    expect(result.messageCount).toBe(first.messages.length + second.messages.length);

    // Newest activity first, as listed: c2 (minute 30) then c1.
    const [newSecond, newFirst] = result.conversationIds.map((id) => target.conversations.get(id)!);
    for (const [imported, original] of [
      [newFirst!, first],
      [newSecond!, second],
    ] as const) {
      expect(imported.id).not.toBe(original.conversation.id);
      expect({ ...imported, id: 'x' }).toEqual({ ...original.conversation, id: 'x' });
      const messages = target.messagesOf(imported.id);
      expect(messages.map(withoutIds)).toEqual(original.messages.map(withoutIds));
      expect(messages.every((m) => m.conversationId === imported.id)).toBe(true);
      expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
      for (const m of messages) expect(original.messages.map((o) => o.id)).not.toContain(m.id);
    }
    // The message with every optional field survived byte for byte.
    const answer = target.messagesOf(newFirst!.id)[1]!;
    expect(answer.citations?.[0]).toEqual({ index: 1, documentId: 'd1', title: '회사 소개.pdf', uri: 'private/ap-northeast-2:x/documents/d1/회사 소개.pdf', excerpt: '사무실은 판교에', page: 2 });
    expect(answer.text).toContain('```ts\nconst 사무실 = "판교";\n```');
  });

  it('reads messages through more than one page and keeps the file in reading order', async () => {
    const source = new MemoryConversations();
    const long = plainConversation('long', 1, 9);
    await seed(source, long);
    const bundle = await exportConversations({ conversations: source }, ['long'], { pageSize: 4 });
    expect(bundle.conversations[0]?.messages.map((m) => m.text)).toEqual(long.messages.map((m) => m.text));
    const pages = source.calls.filter((c) => c.method === 'listMessages');
    expect(pages).toHaveLength(3);
    expect(pages.every((c) => c.page?.limit === 4)).toBe(true);
  });

  it('never overwrites: importing into the same history adds copies with a marked title', async () => {
    const repository = new MemoryConversations();
    const original = richConversation('c1');
    await seed(repository, original);
    const bundle = parseExport(toJson(await exportConversations({ conversations: repository }, ['c1'])));

    const once = await importBundle({ conversations: repository }, bundle, { language: 'ko' });
    const twice = await importBundle({ conversations: repository }, bundle, { language: 'en' });

    expect(repository.conversations.get('c1')).toEqual(original.conversation);
    expect(repository.messagesOf('c1')).toEqual(original.messages);
    expect(repository.conversations.get(once.conversationIds[0]!)?.title).toBe(`${original.conversation.title} (가져옴)`);
    expect(repository.conversations.get(twice.conversationIds[0]!)?.title).toBe(`${original.conversation.title} (imported)`);
    const third = await importBundle({ conversations: repository }, bundle, { language: 'ko' });
    expect(repository.conversations.get(third.conversationIds[0]!)?.title).toBe(`${original.conversation.title} (가져옴 2)`);
    expect(repository.conversations.size).toBe(4);
  });

  it('exporting a conversation that no longer exists fails with not-found', async () => {
    const repository = new MemoryConversations();
    await expect(exportConversations({ conversations: repository }, ['gone'])).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a failed message write removes the half-imported conversation and rejects with the cause', async () => {
    const repository = new MemoryConversations();
    const original = richConversation('c1');
    await seed(repository, original);
    const bundle = await exportConversations({ conversations: repository }, 'all');
    repository.failSaveMessageAt = 3;
    const error = await importBundle({ conversations: repository }, bundle, { language: 'ko' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('throttled');
    expect([...repository.conversations.keys()]).toEqual(['c1']);
    expect(repository.messages.size).toBe(original.messages.length);
  });

  it('stops between writes when aborted', async () => {
    const repository = new MemoryConversations();
    await seed(repository, plainConversation('c1', 1, 3));
    const bundle = await exportConversations({ conversations: repository }, 'all');
    const controller = new AbortController();
    controller.abort();
    await expect(importBundle({ conversations: repository }, bundle, { language: 'ko', signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(repository.conversations.size).toBe(1);
  });
});
