// BatchWriteItem's UnprocessedItems cannot be provoked on the local DynamoDB, so this runs the real
// DynamoDB client against a tiny server that leaves part of each batch unprocessed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UserPartition } from '../../../src/aws/dynamoPartition.ts';
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';

interface WriteBody {
  RequestItems: Record<string, Array<{ DeleteRequest: { Key: { pk: { S: string }; sk: { S: string } } } }>>;
}

let server: Server | undefined;
let client: DynamoDBClient | undefined;
afterEach(async () => {
  client?.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Answers each BatchWriteItem by processing only `processPerCall(call)` of its requests. */
async function partitionWith(processPerCall: (call: number, size: number) => number) {
  const batches: string[][] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as WriteBody;
      const requests = body.RequestItems['table'] ?? [];
      batches.push(requests.map((r) => `${r.DeleteRequest.Key.pk.S}|${r.DeleteRequest.Key.sk.S}`));
      const left = requests.slice(processPerCall(batches.length, requests.length));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ UnprocessedItems: left.length ? { table: left } : {} }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({ region: 'ap-northeast-2', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  const pauses: number[] = [];
  const partition = new UserPartition(
    { identityId: 'ap-northeast-2:me', config: { table: 'table' } as RuntimeConfig, dynamodb: async () => client! },
    async (ms) => {
      pauses.push(ms);
    },
  );
  return { partition, batches, pauses };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => `MSG#c#${String(i).padStart(3, '0')}`);

describe('UserPartition.deleteMany', () => {
  it('sends at most 25 deletes per batch, all on the caller\'s own pk', async () => {
    const { partition, batches } = await partitionWith((_call, size) => size);
    await partition.deleteMany(keys(60));
    expect(batches.map((b) => b.length)).toEqual([25, 25, 10]);
    expect(batches.flat()).toEqual(keys(60).map((sk) => `ap-northeast-2:me|${sk}`));
  });

  it('re-sends unprocessed items, backing off, until all are deleted', async () => {
    // First answer to each batch processes 10, the retry processes the rest.
    const { partition, batches, pauses } = await partitionWith((call) => (call % 2 === 1 ? 10 : 25));
    await partition.deleteMany(keys(30));
    expect(batches.map((b) => b.length)).toEqual([25, 15, 5]);
    expect(new Set(batches.flat()).size).toBe(30);
    expect(pauses).toHaveLength(1);
  });

  it('gives up with AppError throttled when DynamoDB keeps items unprocessed', async () => {
    const { partition, batches, pauses } = await partitionWith(() => 0);
    await expect(partition.deleteMany(keys(3))).rejects.toMatchObject({ name: 'AppError', code: 'throttled' });
    expect(batches).toHaveLength(8);
    expect(pauses).toHaveLength(7);
  });
});
