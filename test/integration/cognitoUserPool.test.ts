// amazon-cognito-identity-js, as the browser app uses it, against the local user pool.
import { beforeAll, describe, expect, it } from 'vitest';
import { CognitoUser, type CognitoUserAttribute, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { localConfig, stackUrl } from './support/stack.ts';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import * as client from './cognitoClient.ts';
import { signIn, signUp, uniqueName, userOf, viaCallback } from './cognitoClient.ts';

let config: RuntimeConfig;

beforeAll(async () => {
  config = await localConfig();
});

const makePool = () => client.makePool(config, stackUrl());
const pendingCode = (username: string) => client.pendingCode(stackUrl(), username);

async function confirmedUser(password = 'Good-pass-1') {
  const pool = makePool();
  const username = uniqueName('alice');
  await signUp(pool, username, password);
  const { code } = await pendingCode(username);
  const user = userOf(pool, username);
  await viaCallback((done) => user.confirmRegistration(code, false, done));
  return { pool, username, user };
}

describe('sign-up and sign-in with amazon-cognito-identity-js', () => {
  it('signs up, confirms with the emailed code, and signs in', async () => {
    const pool = makePool();
    const username = uniqueName('alice');
    const result = await signUp(pool, username, 'Good-pass-1');
    expect(result.userConfirmed).toBe(false);
    expect(result.codeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: 'a***@e***' });
    const { code, kind } = await pendingCode(username);
    expect(kind).toBe('signup');
    const user = userOf(pool, username);
    await expect(viaCallback((done) => user.confirmRegistration(code, false, done))).resolves.toBe('SUCCESS');

    const session = await signIn(user, 'Good-pass-1');
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload).toMatchObject({ 'cognito:username': username, email: `${username}@example.com`, email_verified: true });
    expect(session.getIdToken().payload.iss).toBe(`https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`);
    const attributes = await viaCallback<CognitoUserAttribute[]>((done) => user.getUserAttributes((err, attrs) => done(err, attrs)));
    expect(Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]))).toMatchObject({
      sub: session.getIdToken().payload.sub,
      email: `${username}@example.com`,
      email_verified: 'true',
    });
  });

  it('refuses a weak password with the policy reason', async () => {
    await expect(signUp(makePool(), uniqueName('weak'), 'password')).rejects.toMatchObject({
      code: 'InvalidPasswordException',
      message: expect.stringMatching(/^Password did not conform with policy: /),
    });
  });

  it('says the password is wrong without saying whether the user exists', async () => {
    const { pool, username } = await confirmedUser();
    await expect(signIn(userOf(pool, username), 'Wrong-pass-1')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(signIn(userOf(pool, uniqueName('nobody')), 'Wrong-pass-1')).rejects.toMatchObject({ code: 'NotAuthorizedException' });
  });

  it('tells an unconfirmed user to confirm first', async () => {
    const pool = makePool();
    const username = uniqueName('pending');
    await signUp(pool, username, 'Good-pass-1');
    await expect(signIn(userOf(pool, username), 'Good-pass-1')).rejects.toMatchObject({ code: 'UserNotConfirmedException' });
  });

  it('signs the demo user in', async () => {
    const session = await signIn(userOf(makePool(), 'demo'), 'Demo-pass-1');
    expect(session.getIdToken().payload['cognito:username']).toBe('demo');
  });

  it('explains that SRP sign-in is not available locally', async () => {
    const user = new CognitoUser({ Username: 'demo', Pool: makePool() });
    await expect(signIn(user, 'Demo-pass-1')).rejects.toMatchObject({
      code: 'InvalidParameterException',
      message: expect.stringContaining('USER_PASSWORD_AUTH'),
    });
  });
});

describe('sessions', () => {
  it('refreshes the session with the refresh token', async () => {
    const { user } = await confirmedUser();
    const first = await signIn(user, 'Good-pass-1');
    const refreshed = await viaCallback<CognitoUserSession>((done) => user.refreshSession(first.getRefreshToken(), done));
    expect(refreshed.getIdToken().getJwtToken()).not.toBe(first.getIdToken().getJwtToken());
    expect(refreshed.getRefreshToken().getToken()).toBe(first.getRefreshToken().getToken());
    expect(refreshed.getIdToken().payload.sub).toBe(first.getIdToken().payload.sub);
  });

  // The library retries a failed refresh for about five seconds before giving up.
  it('signs out by revoking the refresh token', { timeout: 20_000 }, async () => {
    const { user } = await confirmedUser();
    const session = await signIn(user, 'Good-pass-1');
    await viaCallback((done) => user.signOut((...args: unknown[]) => done(args[0], 'signed out')));
    await expect(viaCallback((done) => user.refreshSession(session.getRefreshToken(), done))).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
  });

  it('signs out of every device globally', async () => {
    const { pool, username, user } = await confirmedUser();
    const elsewhere = userOf(makePool(), username);
    const otherSession = await signIn(elsewhere, 'Good-pass-1');
    await signIn(user, 'Good-pass-1');
    await new Promise<void>((ok, fail) => user.globalSignOut({ onSuccess: () => ok(), onFailure: fail }));
    expect(pool.getCurrentUser()).toBeNull();
    expect(otherSession.isValid()).toBe(true);
    await expect(viaCallback((done) => elsewhere.getUserAttributes(done))).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
  });
});

describe('forgotten password', () => {
  it('resets the password with the emailed code', async () => {
    const { pool, username, user } = await confirmedUser();
    await new Promise<void>((ok, fail) => user.forgotPassword({ onSuccess: () => ok(), onFailure: fail }));
    const { code, kind } = await pendingCode(username);
    expect(kind).toBe('reset');
    await new Promise<void>((ok, fail) => user.confirmPassword(code, 'Brand-new-2', { onSuccess: () => ok(), onFailure: fail }));
    await expect(signIn(userOf(pool, username), 'Good-pass-1')).rejects.toMatchObject({ code: 'NotAuthorizedException' });
    await expect(signIn(userOf(pool, username), 'Brand-new-2')).resolves.toBeDefined();
  });

  it('rejects a wrong reset code', async () => {
    const { username, user } = await confirmedUser();
    await new Promise<void>((ok, fail) => user.forgotPassword({ onSuccess: () => ok(), onFailure: fail }));
    const { code } = await pendingCode(username);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(
      new Promise<void>((ok, fail) => user.confirmPassword(wrong, 'Brand-new-2', { onSuccess: () => ok(), onFailure: fail })),
    ).rejects.toMatchObject({ code: 'CodeMismatchException' });
  });
});
