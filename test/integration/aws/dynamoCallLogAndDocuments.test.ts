import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { DynamoCallLog } from '../../../src/aws/dynamoCallLog.ts';
import { DynamoConversationRepository } from '../../../src/aws/dynamoConversationRepository.ts';
import { DynamoDocumentRepository } from '../../../src/aws/dynamoDocumentRepository.ts';
import type { CallLogEntry, DocumentRecord } from '../../../src/domain/types.ts';
import { adminClients } from './support.ts';

const open: AwsClients[] = [];
async function clientsFor(): Promise<AwsClients> {
  const clients = await adminClients(`ap-northeast-2:${randomUUID()}`);
  open.push(clients);
  return clients;
}
afterAll(() => open.splice(0).forEach((c) => c.destroy()));

function entry(id: string, at: string, extra: Partial<CallLogEntry> = {}): CallLogEntry {
  return { id, at, kind: 'chat', modelId: 'meta.llama3-8b-instruct-v1:0', attempt: 1, status: 'complete', totalMs: 900, ...extra };
}

describe('DynamoCallLog on the local table', () => {
  it('lists entries newest first, by time whatever the zone they were written in, page by page', async () => {
    const log = new DynamoCallLog(await clientsFor());
    await log.record(entry('r1', '2026-11-21T09:00:00.000Z', { inputTokens: 40, outputTokens: 12, ttftMs: 210 }));
    await log.record(entry('r2', '2026-11-21T18:30:00.000+09:00')); // 09:30Z
    await log.record(entry('r3', '2026-11-21T09:15:00.000Z', { status: 'error', errorCode: 'throttled', attempt: 2, kind: 'rag' }));

    const first = await log.list({ limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual(['r2', 'r3']);
    expect(first.items[1]).toEqual(entry('r3', '2026-11-21T09:15:00.000Z', { status: 'error', errorCode: 'throttled', attempt: 2, kind: 'rag' }));
    const second = await log.list({ limit: 2, cursor: first.cursor! });
    expect(second).toEqual({ items: [entry('r1', '2026-11-21T09:00:00.000Z', { inputTokens: 40, outputTokens: 12, ttftMs: 210 })] });
  });

  it('is not mixed into the conversation lists that share the partition', async () => {
    const clients = await clientsFor();
    await new DynamoCallLog(clients).record(entry('only-log', new Date().toISOString(), { conversationId: 'c1' }));
    const conversations = new DynamoConversationRepository(clients);
    expect(await conversations.listConversations()).toEqual({ items: [] });
    expect(await conversations.listMessages('c1')).toEqual({ items: [] });
  });

  it('refuses an entry whose time is not a time', async () => {
    const log = new DynamoCallLog(await clientsFor());
    await expect(log.record(entry('bad', 'yesterday'))).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('DynamoDocumentRepository on the local table', () => {
  function record(id: string, createdAt: string, extra: Partial<DocumentRecord> = {}): DocumentRecord {
    return {
      id,
      fileName: `${id}.pdf`,
      type: 'pdf',
      size: 1024,
      s3Key: `private/x/documents/${id}/${id}.pdf`,
      status: 'ready',
      createdAt,
      updatedAt: createdAt,
      ...extra,
    };
  }

  it('saves, lists newest first, reads and deletes records', async () => {
    const documents = new DynamoDocumentRepository(await clientsFor());
    const older = record('d1', '2026-11-20T10:00:00.000Z', { pages: 12, language: 'ko', summary: '판교 사무실 소개', textKey: 'private/x/documents/d1/d1.pdf.txt' });
    const newer = record('d2', '2026-11-21T10:00:00.000Z', { status: 'error', errorCode: 'file-encrypted' });
    await documents.saveDocument(older);
    await documents.saveDocument(newer);

    expect(await documents.listDocuments()).toEqual([newer, older]);
    expect(await documents.getDocument('d1')).toEqual(older);
    await documents.deleteDocument('d1');
    expect(await documents.getDocument('d1')).toBeUndefined();
    expect(await documents.listDocuments()).toEqual([newer]);
  });
});
