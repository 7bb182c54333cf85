import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { deleteAllHistory } from '../../../src/domain/export/deleteAllHistory.ts';
import type { Progress } from '../../../src/domain/export/paging.ts';
import type { CallLogEntry, DocumentRecord } from '../../../src/domain/types.ts';
import { at, plainConversation, seed } from './support/bundle.ts';
import { MemoryCallLog, MemoryConversations, MemoryDocumentFiles, MemoryDocuments } from './support/fakes.ts';

function document(id: string): DocumentRecord {
  return { id, fileName: `${id}.pdf`, type: 'pdf', size: 10, s3Key: `private/x/documents/${id}/${id}.pdf`, status: 'ready', createdAt: at(0), updatedAt: at(0) };
}

function logEntry(i: number): CallLogEntry {
  return { id: `r${i}`, at: at(i), kind: 'chat', modelId: 'm', attempt: 1, status: 'complete', totalMs: 5 };
}

async function fullHistory() {
  const conversations = new MemoryConversations();
  for (let i = 0; i < 7; i++) await seed(conversations, plainConversation(`c${i}`, i, 3));
  const documents = new MemoryDocuments();
  const files = new MemoryDocumentFiles();
  const index = new MemoryDocumentFiles();
  for (const id of ['d1', 'd2', 'd3']) {
    await documents.saveDocument(document(id));
    files.ids.add(id);
    index.ids.add(id);
  }
  const callLog = new MemoryCallLog();
  for (let i = 0; i < 5; i++) await callLog.record(logEntry(i));
  return { conversations, documents, documentStore: files, documentIndex: index, callLog };
}

describe('deleteAllHistory', () => {
  it('removes every conversation, message, document, stored file, index entry and call-log item, paging through lists', async () => {
    const ports = await fullHistory();
    const progress: Progress[] = [];
    const result = await deleteAllHistory(ports, { pageSize: 2, onProgress: (p) => progress.push(p) });

    expect(result).toEqual({ conversations: 7, documents: 3, callLogEntries: 5 });
    expect(ports.conversations.conversations.size).toBe(0);
    expect(ports.conversations.messages.size).toBe(0);
    expect(ports.documents.records.size).toBe(0);
    expect(ports.documentStore.ids.size).toBe(0);
    expect(ports.documentIndex.ids.size).toBe(0);
    expect(ports.callLog.entries).toEqual([]);
    // 7 conversations at 2 a page is 4 pages; 5 log entries is 3.
    expect(ports.conversations.count('listConversations')).toBe(4);
    expect(ports.callLog.listCalls).toBe(3);
    expect(progress.at(-1)).toEqual({ step: 'delete-call-log', done: 5, total: 5 });
    expect(progress).toContainEqual({ step: 'delete-conversations', done: 7, total: 7 });
    expect(progress).toContainEqual({ step: 'delete-documents', done: 3, total: 3 });
  });

  it('is idempotent: a second run finds nothing and succeeds', async () => {
    const ports = await fullHistory();
    await deleteAllHistory(ports, { pageSize: 2 });
    expect(await deleteAllHistory(ports, { pageSize: 2 })).toEqual({ conversations: 0, documents: 0, callLogEntries: 0 });
  });

  it('goes on without a search index, but stops on any other failure', async () => {
    const ports = await fullHistory();
    await deleteAllHistory({ ...ports, documentIndex: new MemoryDocumentFiles(new AppError('kendra-unavailable')) });
    expect(ports.documents.records.size).toBe(0);

    const again = await fullHistory();
    const error = await deleteAllHistory({ ...again, documentIndex: new MemoryDocumentFiles(new AppError('access-denied')) }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('access-denied');
    expect(again.documents.records.size).toBe(3);
  });

  it('stops when aborted', async () => {
    const ports = await fullHistory();
    const controller = new AbortController();
    controller.abort();
    await expect(deleteAllHistory(ports, { signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(ports.conversations.conversations.size).toBe(7);
  });
});
