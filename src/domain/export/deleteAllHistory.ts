// "Delete all my history": every conversation with its messages, every document (record, stored
// files, index entry) and every call-log item the ports can list. Everything is listed first and
// then deleted, so deleting never disturbs a cursor; running it again finds nothing and succeeds.
import { isAppError } from '../errors.ts';
import type { CallLog, ConversationRepository, DocumentIndex, DocumentRepository, DocumentStore } from '../ports.ts';
import { allPages, checkAborted, type Progress } from './paging.ts';

export interface HistoryPorts {
  conversations: ConversationRepository;
  documents?: DocumentRepository;
  documentStore?: Pick<DocumentStore, 'remove'>;
  documentIndex?: Pick<DocumentIndex, 'remove'>;
  callLog?: CallLog;
}

export interface DeleteAllResult {
  conversations: number;
  documents: number;
  callLogEntries: number;
}

export interface DeleteAllOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  pageSize?: number;
}

export async function deleteAllHistory(ports: HistoryPorts, { onProgress, signal, pageSize }: DeleteAllOptions = {}): Promise<DeleteAllResult> {
  const paging = { signal, ...(pageSize === undefined ? {} : { pageSize }) };
  const repository = ports.conversations;

  onProgress?.({ step: 'delete-conversations', done: 0 });
  const conversations = await allPages((page) => repository.listConversations(page), paging);
  for (const [i, conversation] of conversations.entries()) {
    checkAborted(signal);
    await repository.deleteConversation(conversation.id);
    onProgress?.({ step: 'delete-conversations', done: i + 1, total: conversations.length });
  }

  let documents = 0;
  if (ports.documents) {
    onProgress?.({ step: 'delete-documents', done: 0 });
    const records = await ports.documents.listDocuments();
    for (const record of records) {
      checkAborted(signal);
      // With no search index configured there is nothing to remove from it.
      await ports.documentIndex?.remove(record.id).catch((e: unknown) => {
        if (!(isAppError(e) && e.code === 'kendra-unavailable')) throw e;
      });
      await ports.documentStore?.remove(record.id);
      await ports.documents.deleteDocument(record.id);
      documents++;
      onProgress?.({ step: 'delete-documents', done: documents, total: records.length });
    }
  }

  let callLogEntries = 0;
  const callLog = ports.callLog;
  if (callLog) {
    onProgress?.({ step: 'delete-call-log', done: 0 });
    const entries = await allPages((page) => callLog.list(page), paging);
    for (const entry of entries) {
      checkAborted(signal);
      await callLog.remove(entry);
      callLogEntries++;
      onProgress?.({ step: 'delete-call-log', done: callLogEntries, total: entries.length });
    }
  }

  return { conversations: conversations.length, documents, callLogEntries };
}
