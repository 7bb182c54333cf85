import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyIdToken } from '../../../infra/local/cognito/userPool.ts';
import { claimsOf, makeDataDir, removeDataDir, startCognito, type CognitoHarness } from './cognitoHarness.ts';

let dataDir: string;
let cognito: CognitoHarness;
let clientId: string;

async function start(env: NodeJS.ProcessEnv = {}) {
  cognito = await startCognito(dataDir, env);
  clientId = cognito.ctx.state.userPoolClientId;
}

beforeEach(async () => {
  dataDir = makeDataDir();
  await start();
});

afterEach(async () => {
  await cognito.close();
  removeDataDir(dataDir);
});

const email = (username: string) => [{ Name: 'email', Value: `${username}@example.com` }];

async function signUp(username: string, password = 'Good-pass-1') {
  return cognito.idp('SignUp', { ClientId: clientId, Username: username, Password: password, UserAttributes: email(username) });
}

async function pendingCode(username: string) {
  const res = await fetch(`${cognito.url}/_local/cognito-idp/codes/${encodeURIComponent(username)}`);
  return { status: res.status, body: (await res.json()) as { code?: string; kind?: string } };
}

async function signUpConfirmed(username: string, password = 'Good-pass-1') {
  await signUp(username, password);
  const { body } = await pendingCode(username);
  const confirmed = await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: body.code });
  expect(confirmed.status).toBe(200);
}

async function signIn(username: string, password = 'Good-pass-1') {
  return cognito.idp('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
}

async function tokensOf(username: string, password = 'Good-pass-1') {
  const res = await signIn(username, password);
  expect(res.status).toBe(200);
  return res.body.AuthenticationResult as { IdToken: string; AccessToken: string; RefreshToken: string; ExpiresIn: number };
}

describe('sign-up', () => {
  it.each([
    ['short-1A', 'Password not long enough', 'Ab-1'],
    ['no upper', 'Password must have uppercase characters', 'lower-case-1'],
    ['no lower', 'Password must have lowercase characters', 'UPPER-CASE-1'],
    ['no digit', 'Password must have numeric characters', 'No-digits-here'],
    ['no symbol', 'Password must have symbol characters', 'NoSymbols12'],
  ])('refuses a password with %s', async (_case, message, password) => {
    const res = await signUp('alice', password);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('InvalidPasswordException');
    expect(res.errorType).toBe('InvalidPasswordException');
    expect(res.body.message).toBe(`Password did not conform with policy: ${message}`);
  });

  it('answers unconfirmed with where the code went, and keeps the code for tests', async () => {
    const res = await signUp('alice');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    });
    expect(res.body.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    const { status, body } = await pendingCode('alice');
    expect(status).toBe(200);
    expect(body.kind).toBe('signup');
    expect(body.code).toMatch(/^\d{6}$/);
    expect(cognito.logs).toContain(`cognito: confirmation code for alice: ${body.code}  (sent to alice@example.com)`);
  });

  it('takes Korean usernames, and refuses ones with spaces', async () => {
    expect((await signUp('김서연')).status).toBe(200);
    const { body } = await pendingCode('김서연');
    expect((await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: '김서연', ConfirmationCode: body.code })).status).toBe(200);
    expect(claimsOf((await tokensOf('김서연')).IdToken)['cognito:username']).toBe('김서연');
    expect((await signUp('kim seoyeon')).body.__type).toBe('InvalidParameterException');
  });

  it('requires an email and refuses a taken username, whatever its case', async () => {
    const noEmail = await cognito.idp('SignUp', { ClientId: clientId, Username: 'bob', Password: 'Good-pass-1', UserAttributes: [] });
    expect(noEmail.body.__type).toBe('InvalidParameterException');
    expect(noEmail.body.message).toMatch(/email: The attribute is required/);
    expect((await signUp('alice')).status).toBe(200);
    const again = await signUp('ALICE');
    expect(again.body.__type).toBe('UsernameExistsException');
  });

  it('confirms with the right code only, then refuses to confirm twice', async () => {
    await signUp('alice');
    const { body } = await pendingCode('alice');
    const wrong = String((Number(body.code) + 1) % 1_000_000).padStart(6, '0');
    const mismatch = await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: 'alice', ConfirmationCode: wrong });
    expect(mismatch.body.__type).toBe('CodeMismatchException');
    const ok = await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: 'alice', ConfirmationCode: body.code });
    expect(ok.status).toBe(200);
    const twice = await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: 'alice', ConfirmationCode: body.code });
    expect(twice.body).toMatchObject({ __type: 'NotAuthorizedException', message: 'User cannot be confirmed. Current status is CONFIRMED' });
  });

  it('says a code has expired once its time is up', async () => {
    await cognito.close();
    await start({ LOCAL_COGNITO_CODE_TTL_S: '0.05' });
    await signUp('alice');
    const { body } = await pendingCode('alice');
    await new Promise((r) => setTimeout(r, 80));
    const res = await cognito.idp('ConfirmSignUp', { ClientId: clientId, Username: 'alice', ConfirmationCode: body.code });
    expect(res.body.__type).toBe('ExpiredCodeException');
    const resent = await cognito.idp('ResendConfirmationCode', { ClientId: clientId, Username: 'alice' });
    expect(resent.body.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL' });
    expect((await pendingCode('alice')).body.code).toMatch(/^\d{6}$/);
  });
});

describe('password sign-in', () => {
  it('has the demo user ready', async () => {
    const tokens = await tokensOf('demo', 'Demo-pass-1');
    expect(claimsOf(tokens.IdToken)).toMatchObject({ 'cognito:username': 'demo', email: 'demo@example.com', email_verified: true });
    expect(await cognito.userPool.health()).toEqual({ state: 'ready', detail: { users: 1, userPoolId: cognito.ctx.state.userPoolId } });
  });

  it('gives the same error for a wrong password and an unknown user', async () => {
    await signUpConfirmed('alice');
    for (const res of [await signIn('alice', 'Wrong-pass-1'), await signIn('nobody')]) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
  });

  it('tells an unconfirmed user so', async () => {
    await signUp('alice');
    const res = await signIn('alice');
    expect(res.body.__type).toBe('UserNotConfirmedException');
  });

  it('issues id and access tokens shaped like Cognito, signed with the pool key', async () => {
    await signUpConfirmed('alice');
    const res = await signIn('alice');
    expect(res.body.ChallengeParameters).toEqual({});
    const result = res.body.AuthenticationResult as Record<string, string | number>;
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    const { region, userPoolId } = cognito.ctx.state;
    const iss = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
    const id = claimsOf(result.IdToken);
    expect(id).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com', email_verified: true, aud: clientId, iss, token_use: 'id' });
    expect(id.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(id.exp).toBe((id.iat as number) + 3600);
    expect(id).toHaveProperty('auth_time');
    expect(id).toHaveProperty('event_id');
    expect(id).toHaveProperty('jti');
    expect(id).not.toHaveProperty('cognito:groups');
    const access = claimsOf(result.AccessToken);
    expect(access).toMatchObject({ sub: id.sub, client_id: clientId, username: 'alice', token_use: 'access', scope: 'aws.cognito.signin.user.admin', iss });
    expect(access.jti).not.toBe(id.jti);

    const jwks = (await (await fetch(`${cognito.url}/${userPoolId}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    const [header, payload, signature] = String(result.IdToken).split('.') as [string, string, string];
    const key = jwks.keys.find((k) => k.kid === JSON.parse(Buffer.from(header, 'base64url').toString()).kid);
    expect(key).toBeDefined();
    const publicKey = createPublicKey({ key: key!, format: 'jwk' });
    expect(verifySignature('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
    expect((await fetch(`${cognito.url}/${region}_Other1/.well-known/jwks.json`)).status).toBe(404);
  });

  it('puts groups in both tokens for a user made through the admin route', async () => {
    const made = await fetch(`${cognito.url}/_local/cognito-idp/users`, {
      method: 'POST',
      body: JSON.stringify({ username: 'tester', password: 'Good-pass-1', groups: ['admins'] }),
    });
    expect(made.status).toBe(201);
    const first = (await made.json()) as { sub: string };
    const again = await fetch(`${cognito.url}/_local/cognito-idp/users`, {
      method: 'POST',
      body: JSON.stringify({ username: 'tester', password: 'Other-pass-2', groups: ['admins', 'editors'] }),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { sub: string }).sub).toBe(first.sub);
    const tokens = await tokensOf('tester', 'Other-pass-2');
    expect(claimsOf(tokens.IdToken)['cognito:groups']).toEqual(['admins', 'editors']);
    expect(claimsOf(tokens.AccessToken)['cognito:groups']).toEqual(['admins', 'editors']);
  });

  it('points SRP callers at USER_PASSWORD_AUTH', async () => {
    const res = await cognito.idp('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'demo', SRP_A: 'ab' } });
    expect(res.body.__type).toBe('InvalidParameterException');
    expect(res.body.message).toMatch(/USER_PASSWORD_AUTH/);
  });

  it('rejects an unknown client, an unknown operation and a broken body like AWS', async () => {
    const badClient = await cognito.idp('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nope', AuthParameters: {} });
    expect(badClient.body).toMatchObject({ __type: 'ResourceNotFoundException', message: 'User pool client nope does not exist.' });
    const unknownOp = await cognito.idp('AdminCreateUser', {});
    expect(unknownOp.body.__type).toBe('UnknownOperationException');
    const broken = await cognito.call('AWSCognitoIdentityProviderService.SignUp', '{not json');
    expect(broken.body.__type).toBe('SerializationException');
  });
});

describe('refresh and sign-out', () => {
  it('refreshes into new id and access tokens of the same sign-in, without a new refresh token', async () => {
    await signUpConfirmed('alice');
    const first = await tokensOf('alice');
    const res = await cognito.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken } });
    const result = res.body.AuthenticationResult as Record<string, string>;
    expect(result).not.toHaveProperty('RefreshToken');
    expect(result.IdToken).not.toBe(first.IdToken);
    expect(claimsOf(result.IdToken)).toMatchObject({ auth_time: claimsOf(first.IdToken).auth_time, sub: claimsOf(first.IdToken).sub });
    const unknown = await cognito.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: 'made-up' } });
    expect(unknown.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('revokes a refresh token and the access tokens it minted', async () => {
    await signUpConfirmed('alice');
    const tokens = await tokensOf('alice');
    const other = await tokensOf('alice');
    expect((await cognito.idp('RevokeToken', { ClientId: clientId, Token: tokens.RefreshToken })).status).toBe(200);
    const refresh = await cognito.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken } });
    expect(refresh.body).toEqual({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect((await cognito.idp('GetUser', { AccessToken: tokens.AccessToken })).body.message).toBe('Access Token has been revoked');
    expect((await cognito.idp('GetUser', { AccessToken: other.AccessToken })).status).toBe(200);
  });

  it('signs out every session of the user globally', async () => {
    await signUpConfirmed('alice');
    const a = await tokensOf('alice');
    const b = await tokensOf('alice');
    expect((await cognito.idp('GlobalSignOut', { AccessToken: a.AccessToken })).status).toBe(200);
    const refresh = await cognito.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: b.RefreshToken } });
    expect(refresh.body.message).toBe('Refresh Token has been revoked');
    expect((await cognito.idp('GetUser', { AccessToken: b.AccessToken })).body.__type).toBe('NotAuthorizedException');
  });

  it('says an access token has expired after its lifetime', async () => {
    await cognito.close();
    await start({ LOCAL_COGNITO_TOKEN_TTL_S: '1' });
    const tokens = await tokensOf('demo', 'Demo-pass-1');
    expect(tokens.ExpiresIn).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    const res = await cognito.idp('GetUser', { AccessToken: tokens.AccessToken });
    expect(res.body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has expired' });
  });
});

describe('account', () => {
  it('resets a forgotten password with an emailed code', async () => {
    await signUpConfirmed('alice');
    const forgot = await cognito.idp('ForgotPassword', { ClientId: clientId, Username: 'alice' });
    expect(forgot.body.CodeDeliveryDetails).toEqual({ Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const { body } = await pendingCode('alice');
    expect(body.kind).toBe('reset');
    const weak = await cognito.idp('ConfirmForgotPassword', { ClientId: clientId, Username: 'alice', ConfirmationCode: body.code, Password: 'weak' });
    expect(weak.body.__type).toBe('InvalidPasswordException');
    const ok = await cognito.idp('ConfirmForgotPassword', { ClientId: clientId, Username: 'alice', ConfirmationCode: body.code, Password: 'New-pass-2' });
    expect(ok.status).toBe(200);
    expect((await signIn('alice')).body.__type).toBe('NotAuthorizedException');
    expect((await signIn('alice', 'New-pass-2')).status).toBe(200);
    expect((await pendingCode('alice')).status).toBe(404);
  });

  it('does not reveal whether a username exists when asked for a reset', async () => {
    const res = await cognito.idp('ForgotPassword', { ClientId: clientId, Username: 'nobody' });
    expect(res.status).toBe(200);
    expect((await pendingCode('nobody')).status).toBe(404);
  });

  it('reads the user, changes the password and deletes the user by access token', async () => {
    await signUpConfirmed('alice');
    const tokens = await tokensOf('alice');
    const me = await cognito.idp('GetUser', { AccessToken: tokens.AccessToken });
    expect(me.body.Username).toBe('alice');
    expect(me.body.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'sub', Value: claimsOf(tokens.IdToken).sub },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    );
    const wrong = await cognito.idp('ChangePassword', { AccessToken: tokens.AccessToken, PreviousPassword: 'Nope-pass-1', ProposedPassword: 'New-pass-2' });
    expect(wrong.body.__type).toBe('NotAuthorizedException');
    const changed = await cognito.idp('ChangePassword', { AccessToken: tokens.AccessToken, PreviousPassword: 'Good-pass-1', ProposedPassword: 'New-pass-2' });
    expect(changed.status).toBe(200);
    expect((await signIn('alice', 'New-pass-2')).status).toBe(200);
    expect((await cognito.idp('DeleteUser', { AccessToken: tokens.AccessToken })).status).toBe(200);
    expect((await signIn('alice', 'New-pass-2')).body.__type).toBe('NotAuthorizedException');
    expect((await cognito.idp('GetUser', { AccessToken: tokens.AccessToken })).body.__type).toBe('NotAuthorizedException');
  });
});

describe('persistence', () => {
  it('keeps users and sessions across a restart, with hashed passwords only', async () => {
    await signUpConfirmed('alice', 'Secret-pass-9');
    const before = await tokensOf('alice', 'Secret-pass-9');
    await cognito.close();
    await start();
    const after = await tokensOf('alice', 'Secret-pass-9');
    expect(claimsOf(after.IdToken).sub).toBe(claimsOf(before.IdToken).sub);
    const refresh = await cognito.idp('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: before.RefreshToken } });
    expect(refresh.status).toBe(200);
    const stored = readFileSync(join(dataDir, 'cognito', 'users.json'), 'utf8');
    expect(stored).toContain('alice');
    expect(stored).not.toContain('Secret-pass-9');
    expect(stored).not.toContain('Demo-pass-1');
    expect(readFileSync(join(dataDir, 'cognito', 'sessions.json'), 'utf8')).not.toContain(before.RefreshToken);
  });
});

describe('verifyIdToken', () => {
  it('accepts only unexpired id tokens of this pool and client', async () => {
    const tokens = await tokensOf('demo', 'Demo-pass-1');
    expect(verifyIdToken(cognito.ctx, tokens.IdToken)).toMatchObject({ 'cognito:username': 'demo', token_use: 'id' });
    expect(verifyIdToken(cognito.ctx, tokens.AccessToken)).toBeNull();
    const claims = claimsOf(tokens.IdToken);
    expect(verifyIdToken(cognito.ctx, cognito.ctx.keys.sign({ ...claims, aud: 'another-client' }))).toBeNull();
    expect(verifyIdToken(cognito.ctx, cognito.ctx.keys.sign({ ...claims, iss: 'https://elsewhere' }))).toBeNull();
    expect(verifyIdToken(cognito.ctx, cognito.ctx.keys.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }))).toBeNull();
    const [h, , s] = tokens.IdToken.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:username': 'admin' })).toString('base64url')}.${s}`;
    expect(verifyIdToken(cognito.ctx, tampered)).toBeNull();
  });
});
