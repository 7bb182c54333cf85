// The app's own sign-in and credential modules, against a stack whose tokens and credentials
// live only seconds, so that renewal (as in the middle of a long stream) happens under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CognitoAuth } from '../../../src/auth/cognitoAuth.ts';
import { identityCredentials } from '../../../src/auth/identityCredentials.ts';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack.ts';
import { MemoryStorage } from '../cognitoClient.ts';

const TTL_S = 6;
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-refresh-'));
  stack = await startLocalStack({
    port: 0,
    dataDir,
    env: { ...process.env, LOCAL_COGNITO_TOKEN_TTL_S: String(TTL_S), LOCAL_AWS_CREDENTIALS_TTL_S: String(TTL_S) },
    log: () => {},
  });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queryOwn = (client: DynamoDBClient, identityId: string) =>
  client.send(new QueryCommand({ TableName: stack.config.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: identityId } } }));

describe('a signed-in session', () => {
  it('survives a reload: a new CognitoAuth over the same storage restores it', async () => {
    const storage = new MemoryStorage();
    await new CognitoAuth(stack.config, storage).signIn('demo', 'Demo-pass-1');
    const restored = await new CognitoAuth(stack.config, storage).currentSession(0);
    expect(restored?.username).toBe('demo');
    expect(await new CognitoAuth(stack.config, new MemoryStorage()).currentSession()).toBeNull();
  });

  it('refreshes the id token with the refresh token before it expires', async () => {
    const auth = new CognitoAuth(stack.config, new MemoryStorage());
    const first = await auth.signIn('demo', 'Demo-pass-1');
    // Inside the renewal window (the whole lifetime here), the session is refreshed, not reused.
    const renewed = await auth.currentSession(TTL_S * 1000);
    expect(renewed?.idToken).not.toBe(first.idToken);
    expect(renewed!.expiresAt).toBeGreaterThan(Date.now());
  });

  it('renews identity-pool credentials before they lapse, keeping the same identity', async () => {
    const auth = new CognitoAuth(stack.config, new MemoryStorage());
    await auth.signIn('demo', 'Demo-pass-1');
    const idToken = async () => (await auth.currentSession(2_000))!.idToken;
    const { identityId, provider } = await identityCredentials(stack.config, idToken, 3_000);
    const first = await provider();
    expect(await provider()).toBe(first); // still fresh: cached, not fetched again

    const client = new DynamoDBClient({ region: stack.config.region, endpoint: stack.url, credentials: provider, maxAttempts: 1 });
    const pinned = new DynamoDBClient({ region: stack.config.region, endpoint: stack.url, credentials: first, maxAttempts: 1 });
    await sleep((TTL_S - 2) * 1000); // now inside the 3 s renewal window
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect((second as { identityId?: string }).identityId).toBe(identityId);

    await sleep(2_500); // the first credentials have expired now
    await expect(queryOwn(pinned, identityId)).rejects.toMatchObject({ name: 'ExpiredTokenException' });
    await expect(queryOwn(client, identityId)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });
});
