// A stack of its own, with 2-second tokens, to watch the library refresh them by itself, and a
// restart over the same data directory, as when a developer stops and restarts `npm start`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { makePool, pendingCode, signIn, signUp, uniqueName, userOf, viaCallback } from './cognitoClient.ts';

const TTL_S = 2;
let dataDir: string;
let stack: LocalStack;
const logs: string[] = [];

const start = () =>
  startLocalStack({
    port: 0,
    dataDir,
    env: { ...process.env, LOCAL_COGNITO_TOKEN_TTL_S: String(TTL_S), LOCAL_LLM_URL: '' },
    log: (m) => logs.push(m),
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-cognito-it-'));
  stack = await start();
});

afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function identityIdOf(session: CognitoUserSession): Promise<string> {
  const { region, userPoolId, identityPoolId } = stack.config;
  const credentials = await fromCognitoIdentityPool({
    identityPoolId,
    logins: { [`cognito-idp.${region}.amazonaws.com/${userPoolId}`]: session.getIdToken().getJwtToken() },
    clientConfig: { region, endpoint: stack.url, maxAttempts: 1 },
  })();
  return credentials.identityId;
}

describe('tokens over time and across restarts', () => {
  it('prints the confirmation code where a developer sees it', async () => {
    const username = uniqueName('kim');
    await signUp(makePool(stack.config, stack.url), username, 'Good-pass-1');
    const { code } = await pendingCode(stack.url, username);
    expect(logs).toContainEqual(expect.stringContaining(`cognito: confirmation code for ${username}: ${code}`));
  });

  it('refreshes an expired session by itself on getSession', async () => {
    const user = userOf(makePool(stack.config, stack.url), 'demo');
    const first = await signIn(user, 'Demo-pass-1');
    expect(first.getAccessToken().getExpiration() - first.getAccessToken().getIssuedAt()).toBe(TTL_S);
    await new Promise((r) => setTimeout(r, TTL_S * 1000 + 200));
    expect(first.isValid()).toBe(false);
    const next = await viaCallback<CognitoUserSession>((done) => user.getSession(done));
    expect(next.isValid()).toBe(true);
    expect(next.getIdToken().getJwtToken()).not.toBe(first.getIdToken().getJwtToken());
    expect(next.getIdToken().payload.auth_time).toBe(first.getIdToken().payload.auth_time);
  });

  it('keeps users, refresh tokens and identity ids across a restart', async () => {
    const username = uniqueName('lee');
    const pool = makePool(stack.config, stack.url);
    await signUp(pool, username, 'Good-pass-1');
    const { code } = await pendingCode(stack.url, username);
    const user = userOf(pool, username);
    await viaCallback((done) => user.confirmRegistration(code, false, done));
    const before = await signIn(user, 'Good-pass-1');
    const identityBefore = await identityIdOf(before);
    const userPoolId = stack.config.userPoolId;

    await stack.close();
    stack = await start();
    expect(stack.config.userPoolId).toBe(userPoolId);

    const again = userOf(makePool(stack.config, stack.url), username);
    const after = await signIn(again, 'Good-pass-1');
    expect(after.getIdToken().payload.sub).toBe(before.getIdToken().payload.sub);
    expect(await identityIdOf(after)).toBe(identityBefore);
    const refreshed = await viaCallback<CognitoUserSession>((done) => again.refreshSession(before.getRefreshToken(), done));
    expect(refreshed.getIdToken().payload.sub).toBe(before.getIdToken().payload.sub);
    const health = (await stack.health()).services;
    expect(health['cognito-idp']).toMatchObject({ state: 'ready', detail: { userPoolId } });
    expect(health['cognito-identity']).toMatchObject({ state: 'ready', detail: { identities: 1 } });
  });
});
