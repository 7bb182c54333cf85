// The call log (`LOG#<iso time>#<request id>`): one item per model call attempt. ISO times in UTC
// sort as strings, so a descending Query on the prefix is newest first and pages by sort key.
import { AppError } from '../domain/errors.ts';
import type { CallLog } from '../domain/ports.ts';
import type { CallLogEntry, Page, PageRequest } from '../domain/types.ts';
import { readItem } from './dynamoItem.ts';
import { UserPartition, type PartitionClients } from './dynamoPartition.ts';

const DEFAULT_PAGE = 50;
const ENTRY_FIELDS = ['id', 'at', 'kind', 'modelId', 'attempt', 'status', 'totalMs'] as const;

/** Normalizes to `…Z` so entries written from different time zones still sort by time. */
function logKey(entry: CallLogEntry): string {
  const time = Date.parse(entry.at);
  if (Number.isNaN(time) || entry.id === '' || entry.id.includes('#')) {
    throw new AppError('validation', { message: `invalid call log entry ${entry.id} at ${entry.at}` });
  }
  return `LOG#${new Date(time).toISOString()}#${entry.id}`;
}

export class DynamoCallLog implements CallLog {
  private readonly partition: UserPartition;

  constructor(clients: PartitionClients) {
    this.partition = new UserPartition(clients);
  }

  async record(entry: CallLogEntry): Promise<void> {
    await this.partition.put(logKey(entry), 'call', entry);
  }

  async remove(entry: CallLogEntry): Promise<void> {
    await this.partition.delete(logKey(entry));
  }

  async list(page?: PageRequest): Promise<Page<CallLogEntry>> {
    const limit = page?.limit ?? DEFAULT_PAGE;
    if (!Number.isInteger(limit) || limit < 1) throw new AppError('validation', { message: `invalid page size ${limit}` });
    const result = await this.partition.queryPage('LOG#', limit, page?.cursor);
    const items = result.items.map((item) => readItem<CallLogEntry>(item, ENTRY_FIELDS));
    return result.cursor === undefined ? { items } : { items, cursor: result.cursor };
  }
}
