// amazon-cognito-identity-js wrapped in promises, pointed at a local stack, for the Cognito tests.
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';

export class MemoryStorage implements ICognitoStorage {
  private items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function makePool(config: Pick<RuntimeConfig, 'userPoolId' | 'userPoolClientId'>, endpoint: string, storage: ICognitoStorage = new MemoryStorage()) {
  return new CognitoUserPool({ UserPoolId: config.userPoolId, ClientId: config.userPoolClientId, endpoint: `${endpoint}/`, Storage: storage });
}

/** A user of the pool that signs in with USER_PASSWORD_AUTH, as the app does against the local stack. */
export function userOf(pool: CognitoUserPool, username: string) {
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: (pool as unknown as { storage: ICognitoStorage }).storage });
  user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  return user;
}

/** Promise over a node-style callback; rejects with the library's error (code = Cognito's type). */
export function viaCallback<T>(run: (done: (err: unknown, result?: T) => void) => void): Promise<T> {
  return new Promise<T>((ok, fail) => run((err, result) => (err ? fail(err) : ok(result as T))));
}

export function signUp(pool: CognitoUserPool, username: string, password: string) {
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })];
  return viaCallback<{ userConfirmed: boolean; userSub: string; codeDeliveryDetails: Record<string, string> }>((done) =>
    pool.signUp(username, password, attributes, [], (err, result) => done(err, result as never)),
  );
}

/** The code the local pool "emailed", read through its test-only route. */
export async function pendingCode(endpoint: string, username: string): Promise<{ code: string; kind: string }> {
  const res = await fetch(`${endpoint}/_local/cognito-idp/codes/${encodeURIComponent(username)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { code: string; kind: string };
}

export function signIn(user: CognitoUser, password: string): Promise<CognitoUserSession> {
  return new Promise((ok, fail) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: ok,
      onFailure: fail,
      newPasswordRequired: () => fail(new Error('unexpected new password challenge')),
    }),
  );
}
