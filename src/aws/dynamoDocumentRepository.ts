// Document records (`DOC#<id>`) in the caller's own partition. A user has few documents, so the
// list is one Query of the prefix, sorted here newest first by creation time.
import { AppError } from '../domain/errors.ts';
import type { DocumentRepository } from '../domain/ports.ts';
import type { DocumentRecord } from '../domain/types.ts';
import { readItem } from './dynamoItem.ts';
import { UserPartition, type PartitionClients } from './dynamoPartition.ts';

const RECORD_FIELDS = ['id', 'fileName', 'type', 'size', 's3Key', 'status', 'createdAt', 'updatedAt'] as const;

function documentKey(id: string): string {
  if (id === '' || id.includes('#')) throw new AppError('validation', { message: `invalid document id "${id}"` });
  return `DOC#${id}`;
}

export class DynamoDocumentRepository implements DocumentRepository {
  private readonly partition: UserPartition;

  constructor(clients: PartitionClients) {
    this.partition = new UserPartition(clients);
  }

  async listDocuments(): Promise<DocumentRecord[]> {
    const records = (await this.partition.queryAll('DOC#')).map((item) => readItem<DocumentRecord>(item, RECORD_FIELDS));
    return records.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  }

  async getDocument(id: string): Promise<DocumentRecord | undefined> {
    const item = await this.partition.get(documentKey(id));
    return item ? readItem<DocumentRecord>(item, RECORD_FIELDS) : undefined;
  }

  async saveDocument(record: DocumentRecord): Promise<void> {
    await this.partition.put(documentKey(record.id), 'document', record);
  }

  async deleteDocument(id: string): Promise<void> {
    await this.partition.delete(documentKey(id));
  }
}
