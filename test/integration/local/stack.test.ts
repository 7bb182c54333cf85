import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { addFault, adminCredentials, clearFaults, localConfig, stackUrl } from '../support/stack.ts';
import { startLocalStack } from '../../../infra/local/stack.ts';

const dynamo = (endpoint = stackUrl()) =>
  new DynamoDBClient({ endpoint, region: 'ap-northeast-2', credentials: adminCredentials, maxAttempts: 1 });
const s3 = (endpoint = stackUrl()) =>
  new S3Client({
    endpoint,
    region: 'ap-northeast-2',
    credentials: adminCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });

afterEach(clearFaults);

describe('the local stack endpoint', () => {
  it('reports the state of every service', async () => {
    const res = await fetch(`${stackUrl()}/_local/health`);
    const body = (await res.json()) as { services: Record<string, { state: string }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.services).sort()).toEqual(['bedrock', 'cognito-identity', 'cognito-idp', 'dynamodb', 'kendra', 's3']);
    expect(body.services.dynamodb?.state).toBe('ready');
    expect(body.services.s3?.state).toBe('ready');
  });

  it('serves a runtime config that points every client at itself', async () => {
    const config = await localConfig();
    expect(config.endpoint).toBe(stackUrl());
    expect(config.authFlow).toBe('USER_PASSWORD_AUTH');
    expect(config.userPoolId).toMatch(/^ap-northeast-2_[0-9a-zA-Z]+$/);
    expect(config.identityPoolId).toMatch(/^ap-northeast-2:[0-9a-f-]{36}$/);
    expect(config.kendra?.indexId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a CORS preflight from the dev origin, naming authorization explicitly', async () => {
    const res = await fetch(`${stackUrl()}/model/x/invoke-with-response-stream`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-security-token,amz-sdk-invocation-id,x-amzn-bedrock-accept',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'x-amz-security-token', 'amz-sdk-invocation-id', 'x-amzn-bedrock-accept']));
    expect(allowed).not.toContain('*');
    const exposed = res.headers.get('access-control-expose-headers')!.split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'etag', 'x-amzn-bedrock-content-type']));
  });

  it('gives an unknown origin no CORS grant', async () => {
    const res = await fetch(`${stackUrl()}/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says so when it cannot tell the service', async () => {
    const res = await fetch(`${stackUrl()}/nothing-here`, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/cannot tell which service/);
  });

  it('rejects malformed faults with a reason', async () => {
    const res = await fetch(`${stackUrl()}/_local/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'cut', service: 'dynamodb', afterChunks: 1 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/bedrock streams only/);
  });
});

describe('DynamoDB (dynalite)', () => {
  const pk = `ap-northeast-2:${crypto.randomUUID()}`;

  it('stores Korean items and pages a query newest first', async () => {
    const { table } = await localConfig();
    const client = dynamo();
    for (let i = 0; i < 5; i++) {
      await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: `MSG#c1#${i}` }, text: { S: `안녕하세요 ${i}` } } }));
    }
    const first = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':p': { S: 'MSG#c1#' } },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    expect(first.Items?.map((i) => i.sk?.S)).toEqual(['MSG#c1#4', 'MSG#c1#3']);
    const second = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':p': { S: 'MSG#c1#' } },
        ScanIndexForward: false,
        Limit: 2,
        ExclusiveStartKey: first.LastEvaluatedKey,
      }),
    );
    expect(second.Items?.map((i) => i.text?.S)).toEqual(['안녕하세요 2', '안녕하세요 1']);
  });

  it('throttles the next call when a fault says so, then recovers', async () => {
    const { table } = await localConfig();
    await addFault({ kind: 'throttle', service: 'dynamodb', count: 1 });
    const client = dynamo();
    const get = () => client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { S: 'MSG#c1#0' } } }));
    await expect(get()).rejects.toBeInstanceOf(ThrottlingException);
    expect((await get()).Item?.text?.S).toBe('안녕하세요 0');
  });

  it('fails with a 5xx, and delays, on demand', async () => {
    const { table } = await localConfig();
    const client = dynamo();
    const get = () => client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { S: 'MSG#c1#0' } } }));
    await addFault({ kind: 'error', service: 'dynamodb', status: 503 });
    await expect(get()).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    await addFault({ kind: 'delay', service: 'dynamodb', delayMs: 300 });
    const started = Date.now();
    await get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('S3 (s3rver)', () => {
  const prefix = `private/ap-northeast-2:${crypto.randomUUID()}/documents/`;

  it('round-trips an object and lists past one page', async () => {
    const { bucket } = await localConfig();
    const client = s3();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${name}.txt`, Body: `본문 ${name}`, ContentType: 'text/plain; charset=utf-8' }));
    }
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 2, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys).toHaveLength(5);
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}c.txt` }));
    expect(await got.Body?.transformToString()).toBe('본문 c');
  });

  it('serves presigned GETs', async () => {
    const { bucket } = await localConfig();
    const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket, Key: `${prefix}a.txt` }), { expiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('본문 a');
  });
});

describe('a restarted stack', () => {
  it('keeps its ids, items and objects', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-restart-'));
    const env = { ...process.env, LOCAL_LLM_TTFT_MS: '0', LOCAL_LLM_TOKENS_PER_S: '0' };
    try {
      const first = await startLocalStack({ port: 0, dataDir, env, log: () => {} });
      const key = { pk: { S: 'ap-northeast-2:restart' }, sk: { S: 'CONV#1' } };
      await dynamo(first.url).send(new PutItemCommand({ TableName: first.config.table, Item: { ...key, title: { S: '재시작 전' } } }));
      await s3(first.url).send(new PutObjectCommand({ Bucket: first.config.bucket, Key: 'private/x/keep.txt', Body: '남아 있어야 함' }));
      const firstConfig = first.config;
      await first.close();

      const second = await startLocalStack({ port: 0, dataDir, env, log: () => {} });
      try {
        expect({ ...second.config, endpoint: null }).toEqual({ ...firstConfig, endpoint: null });
        const item = await dynamo(second.url).send(new GetItemCommand({ TableName: second.config.table, Key: key }));
        expect(item.Item?.title?.S).toBe('재시작 전');
        const object = await s3(second.url).send(new GetObjectCommand({ Bucket: second.config.bucket, Key: 'private/x/keep.txt' }));
        expect(await object.Body?.transformToString()).toBe('남아 있어야 함');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
