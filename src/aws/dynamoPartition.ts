// The caller's own slice of the one table: every key built here has pk = the caller's identity id,
// because the deployed role allows nothing else (dynamodb:LeadingKeys) and Scan not at all. The
// repositories only choose sort keys. No transactions: the local DynamoDB has none, and nothing here
// needs more than one item to change atomically.
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { AppError, toAppError } from '../domain/errors.ts';
import type { AwsClients } from './clients.ts';
import { marshalFields, type Item } from './dynamoItem.ts';

export type PartitionClients = Pick<AwsClients, 'dynamodb' | 'config' | 'identityId'>;

export interface QueryPage {
  items: Item[];
  cursor?: string;
}

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Unprocessed items are DynamoDB asking us to slow down; after this many rounds we say "throttled". */
const MAX_BATCH_ROUNDS = 8;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Cursors are the last sort key the caller saw, base64url-encoded so that callers treat them as
// opaque. The pk is never part of it: a cursor can only move within the caller's own partition.
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): unknown {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new AppError('validation', { message: 'the page cursor is not one this app made', cause: e });
  }
}

export class UserPartition {
  constructor(
    private readonly clients: PartitionClients,
    private readonly pause: (ms: number) => Promise<void> = wait,
  ) {}

  private get table(): string {
    return this.clients.config.table;
  }

  private key(sk: string): Item {
    return { pk: { S: this.clients.identityId }, sk: { S: sk } };
  }

  private async client(): Promise<DynamoDBClient> {
    return this.clients.dynamodb();
  }

  /**
   * `itemType` names the kind of item for people reading the table in the console; it is not a
   * domain field name (a call-log entry has its own `kind`), and the keys always win over fields.
   */
  async put(sk: string, itemType: string, fields: object): Promise<void> {
    const item = { ...marshalFields(fields as Record<string, unknown>), ...this.key(sk), itemType: { S: itemType } };
    try {
      await (await this.client()).send(new PutItemCommand({ TableName: this.table, Item: item }));
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  async get(sk: string): Promise<Item | undefined> {
    try {
      const output = await (await this.client()).send(
        new GetItemCommand({ TableName: this.table, Key: this.key(sk), ConsistentRead: true }),
      );
      return output.Item;
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  async delete(sk: string): Promise<void> {
    try {
      await (await this.client()).send(new DeleteItemCommand({ TableName: this.table, Key: this.key(sk) }));
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  /**
   * One page of the items whose sort key starts with `prefix`, newest (highest sk) first. Asks for
   * one item more than the page holds, so the last page reliably comes without a cursor (a plain
   * Limit query hands out a LastEvaluatedKey even when nothing follows).
   */
  async queryPage(prefix: string, limit: number, cursor?: string): Promise<QueryPage> {
    let startSk: string | undefined;
    if (cursor !== undefined) {
      const decoded = decodeCursor(cursor);
      if (typeof decoded !== 'string' || !decoded.startsWith(prefix)) {
        throw new AppError('validation', { message: 'the page cursor belongs to another list' });
      }
      startSk = decoded;
    }
    const items: Item[] = [];
    do {
      const output = await this.query(prefix, { limit: limit + 1 - items.length, startSk, newestFirst: true });
      items.push(...output.items);
      startSk = output.lastSk;
    } while (startSk !== undefined && items.length <= limit);
    if (items.length <= limit) return { items };
    const page = items.slice(0, limit);
    return { items: page, cursor: encodeCursor(page[page.length - 1]?.sk?.S) };
  }

  /** Every item under `prefix`, following DynamoDB's 1 MB pages. For small sets (conversations, documents). */
  async queryAll(prefix: string, options: { keysOnly?: boolean } = {}): Promise<Item[]> {
    const items: Item[] = [];
    let startSk: string | undefined;
    do {
      const output = await this.query(prefix, { startSk, newestFirst: false, keysOnly: options.keysOnly });
      items.push(...output.items);
      startSk = output.lastSk;
    } while (startSk !== undefined);
    return items;
  }

  private async query(
    prefix: string,
    options: { limit?: number; startSk: string | undefined; newestFirst: boolean; keysOnly?: boolean | undefined },
  ): Promise<{ items: Item[]; lastSk?: string }> {
    try {
      const output = await (await this.client()).send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: this.clients.identityId }, ':prefix': { S: prefix } },
          ScanIndexForward: !options.newestFirst,
          ...(options.limit !== undefined ? { Limit: options.limit } : {}),
          ...(options.startSk !== undefined ? { ExclusiveStartKey: this.key(options.startSk) } : {}),
          ...(options.keysOnly ? { ProjectionExpression: 'pk, sk' } : {}),
        }),
      );
      const lastSk = output.LastEvaluatedKey?.sk?.S;
      return lastSk === undefined ? { items: output.Items ?? [] } : { items: output.Items ?? [], lastSk };
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  /** Deletes the given sort keys in batches of 25, re-sending what DynamoDB left unprocessed. */
  async deleteMany(sortKeys: readonly string[]): Promise<void> {
    for (let start = 0; start < sortKeys.length; start += BATCH_SIZE) {
      const requests: WriteRequest[] = sortKeys
        .slice(start, start + BATCH_SIZE)
        .map((sk) => ({ DeleteRequest: { Key: this.key(sk) } }));
      await this.writeBatch(requests);
    }
  }

  private async writeBatch(requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_BATCH_ROUNDS) {
        throw new AppError('throttled', { message: `${pending.length} deletes were still unprocessed after ${round} rounds` });
      }
      // Exponential backoff with jitter, as DynamoDB asks for when it returns UnprocessedItems.
      if (round > 0) await this.pause(Math.random() * 50 * 2 ** round);
      try {
        const output = await (await this.client()).send(
          new BatchWriteItemCommand({ RequestItems: { [this.table]: pending } }),
        );
        pending = output.UnprocessedItems?.[this.table] ?? [];
      } catch (e) {
        throw toAppError(e, 'storage');
      }
    }
  }
}
