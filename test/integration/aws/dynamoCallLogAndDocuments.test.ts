import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { DynamoCallLog } from '../../../src/aws/dynamoCallLog.ts';
import { DynamoConversationRepository } from '../../../src/aws/dynamoConversationRepository.ts';
import { DynamoDocumentRepository } from '../../../src/aws/dynamoDocumentRepository.ts';
import type { CallLogEntry, DocumentRecord } from '../../../src/domain/types.ts';
import { adminClients, signedInUser } from './support.ts';

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

  it('keeps every field of a document record as it was', async () => {
    const documents = new DynamoDocumentRepository(await clientsFor());
    const pdf = record('full-pdf', '2026-11-21T11:00:00.000Z', {
      contentType: 'application/pdf',
      textKey: 'private/x/documents/full-pdf/.extracted.txt',
      textLength: 48_213,
      pages: 4,
      pageStarts: [0, 1_204, 2_990, 40_001],
      language: 'ko',
      status: 'ready',
      indexState: 'failed',
      indexError: 'Kendra: 문서가 너무 큽니다 (5 MB)',
      summary: '- 첫째 요점\n- 둘째 요점 [1]',
      summaryModelId: 'apac.anthropic.claude-3-5-sonnet-20240620-v1:0',
    });
    const csv = record('full-csv', '2026-11-21T12:00:00.000Z', {
      type: 'csv',
      fileName: '명단 (2026).csv',
      contentType: 'text/csv',
      rows: 0,
      // An empty header cell and a header-only file are both real CSVs.
      columns: ['이름', '', 'e-mail'],
      encoding: 'euc-kr',
      language: 'en',
      status: 'error',
      errorCode: 'file-binary',
      indexState: 'none',
      pageStarts: [],
    });
    await documents.saveDocument(pdf);
    await documents.saveDocument(csv);
    expect(await documents.getDocument('full-pdf')).toStrictEqual(pdf);
    expect(await documents.getDocument('full-csv')).toStrictEqual(csv);
    expect(await documents.listDocuments()).toStrictEqual([csv, pdf]);
  });

  it('updates a record in place as its summary and index state arrive', async () => {
    const documents = new DynamoDocumentRepository(await clientsFor());
    const first = record('d', '2026-11-21T10:00:00.000Z', { indexState: 'pending' });
    await documents.saveDocument(first);
    const later = { ...first, indexState: 'indexed' as const, summary: '요약', summaryModelId: 'amazon.nova-lite-v1:0', updatedAt: '2026-11-21T10:05:00.000Z' };
    await documents.saveDocument(later);
    expect(await documents.listDocuments()).toStrictEqual([later]);
  });
});

describe("another user's document records", () => {
  it('cannot be listed, read, overwritten or deleted with the own credentials', async () => {
    const suffix = randomUUID().slice(0, 8);
    const [owner, intruder] = await Promise.all([signedInUser(`doc-a-${suffix}`), signedInUser(`doc-b-${suffix}`)]);
    try {
      const mine = new DynamoDocumentRepository(owner.clients);
      const saved: DocumentRecord = {
        id: 'secret',
        fileName: '비밀.pdf',
        type: 'pdf',
        size: 10,
        s3Key: `private/${owner.identityId}/documents/secret/비밀.pdf`,
        status: 'ready',
        createdAt: '2026-11-21T10:00:00.000Z',
        updatedAt: '2026-11-21T10:00:00.000Z',
      };
      await mine.saveDocument(saved);
      // The intruder's real identity-pool credentials, aimed at the owner's partition.
      const aimed = new DynamoDocumentRepository({ ...intruder.clients, identityId: owner.identityId });
      await expect(aimed.listDocuments()).rejects.toMatchObject({ code: 'access-denied' });
      await expect(aimed.getDocument('secret')).rejects.toMatchObject({ code: 'access-denied' });
      await expect(aimed.saveDocument({ ...saved, fileName: 'x.pdf' })).rejects.toMatchObject({ code: 'access-denied' });
      await expect(aimed.deleteDocument('secret')).rejects.toMatchObject({ code: 'access-denied' });
      // In its own partition the intruder sees nothing of it.
      expect(await new DynamoDocumentRepository(intruder.clients).listDocuments()).toEqual([]);
      expect(await mine.getDocument('secret')).toStrictEqual(saved);
    } finally {
      owner.clients.destroy();
      intruder.clients.destroy();
    }
  });
});
