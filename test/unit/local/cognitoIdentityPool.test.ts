import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, loadKeys } from '../../../infra/local/jwt.ts';
import { claimsOf, makeDataDir, removeDataDir, startCognito, type CognitoHarness } from './cognitoHarness.ts';

let dataDir: string;
let cognito: CognitoHarness;

beforeEach(async () => {
  dataDir = makeDataDir();
  cognito = await startCognito(dataDir);
});

afterEach(async () => {
  await cognito.close();
  removeDataDir(dataDir);
});

const provider = () => `cognito-idp.${cognito.ctx.state.region}.amazonaws.com/${cognito.ctx.state.userPoolId}`;
const poolId = () => cognito.ctx.state.identityPoolId;

async function idTokenOf(username: string, password = 'Good-pass-1'): Promise<string> {
  const made = await fetch(`${cognito.url}/_local/cognito-idp/users`, { method: 'POST', body: JSON.stringify({ username, password }) });
  expect(made.ok).toBe(true);
  const res = await cognito.idp('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: cognito.ctx.state.userPoolClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return (res.body.AuthenticationResult as { IdToken: string }).IdToken;
}

async function getId(token: string, logins: Record<string, string> = { [provider()]: token }) {
  return cognito.identity('GetId', { IdentityPoolId: poolId(), Logins: logins });
}

describe('GetId', () => {
  it('gives each user one stable identity id, kept across restarts', async () => {
    const alice = await idTokenOf('alice');
    const first = await getId(alice);
    expect(first.status).toBe(200);
    expect(first.body.IdentityId).toMatch(/^ap-northeast-2:[0-9a-f-]{36}$/);
    expect((await getId(await idTokenOf('alice'))).body.IdentityId).toBe(first.body.IdentityId);
    expect((await getId(await idTokenOf('bob'))).body.IdentityId).not.toBe(first.body.IdentityId);
    expect(await cognito.identityPool.health()).toMatchObject({ state: 'ready', detail: { identities: 2 } });

    await cognito.close();
    cognito = await startCognito(dataDir);
    expect((await getId(alice)).body.IdentityId).toBe(first.body.IdentityId);
  });

  it('has no guest access', async () => {
    for (const body of [{ IdentityPoolId: poolId() }, { IdentityPoolId: poolId(), Logins: {} }]) {
      const res = await cognito.identity('GetId', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ __type: 'NotAuthorizedException', message: 'Unauthenticated access is not supported for this identity pool.' });
    }
  });

  it('knows only its own pool', async () => {
    const res = await cognito.identity('GetId', { IdentityPoolId: 'ap-northeast-2:00000000-0000-0000-0000-000000000000', Logins: {} });
    expect(res.body.__type).toBe('ResourceNotFoundException');
  });

  it('accepts the token only under the user pool provider name', async () => {
    const token = await idTokenOf('alice');
    const res = await getId(token, { 'accounts.google.com': token });
    expect(res.body.__type).toBe('NotAuthorizedException');
    expect(res.body.message).toMatch(/^Token is not from a supported provider of this identity pool/);
  });

  it('rejects tokens that are forged, for another client, expired, or access tokens', async () => {
    const token = await idTokenOf('alice');
    const claims = claimsOf(token);
    // Same kid as the real key, signed by another: only the signature gives it away.
    const forger = loadKeys({ ...generateKeyPair(), kid: cognito.ctx.keys.kid });
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string, RegExp]> = [
      ['forged', forger.sign(claims), /^Invalid login token\. Couldn't verify signed token\.$/],
      ['other client', cognito.ctx.keys.sign({ ...claims, aud: 'other-client' }), /Incorrect token audience/],
      ['other issuer', cognito.ctx.keys.sign({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X' }), /Issuer doesn't match/],
      ['expired', cognito.ctx.keys.sign({ ...claims, exp: now - 10 }), /^Invalid login token\. Token expired: /],
      ['access token', cognito.ctx.keys.sign({ ...claims, token_use: 'access' }), /Not a valid OpenId Connect identity token/],
      ['not a jwt', 'hello', /Not a valid OpenId Connect identity token/],
    ];
    for (const [name, bad, message] of cases) {
      const res = await getId(bad);
      expect(res.body.__type, name).toBe('NotAuthorizedException');
      expect(String(res.body.message), name).toMatch(message);
    }
  });
});

describe('GetCredentialsForIdentity', () => {
  it('issues credentials bound to the identity, expiring in epoch seconds', async () => {
    const token = await idTokenOf('alice');
    const identityId = String((await getId(token)).body.IdentityId);
    const res = await cognito.identity('GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [provider()]: token } });
    expect(res.status).toBe(200);
    const creds = res.body.Credentials as { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
    expect(res.body.IdentityId).toBe(identityId);
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.SecretKey).toBeTruthy();
    expect(creds.SessionToken).toBeTruthy();
    expect(creds.Expiration).toBeGreaterThan(Date.now() / 1000);
    expect(creds.Expiration).toBeLessThan(Date.now() / 1000 + 3600 * 24);
    expect(cognito.ctx.credentials.check(creds.AccessKeyId)).toEqual({ ok: true, identityId });
  });

  it("refuses another user's identity, an unknown identity and a missing login", async () => {
    const alice = await idTokenOf('alice');
    const bob = await idTokenOf('bob');
    const aliceId = String((await getId(alice)).body.IdentityId);
    const stolen = await cognito.identity('GetCredentialsForIdentity', { IdentityId: aliceId, Logins: { [provider()]: bob } });
    expect(stolen.body.__type).toBe('NotAuthorizedException');
    expect(stolen.body.message).toMatch(/Logins don't match/);
    const unknown = await cognito.identity('GetCredentialsForIdentity', {
      IdentityId: 'ap-northeast-2:00000000-0000-0000-0000-000000000000',
      Logins: { [provider()]: alice },
    });
    expect(unknown.body.__type).toBe('ResourceNotFoundException');
    const guest = await cognito.identity('GetCredentialsForIdentity', { IdentityId: aliceId });
    expect(guest.body.message).toBe('Unauthenticated access is not supported for this identity pool.');
  });

  it('answers other operations the way AWS does for an unknown target', async () => {
    const res = await cognito.identity('GetOpenIdToken', { IdentityId: 'x' });
    expect(res.body.__type).toBe('UnknownOperationException');
  });
});
