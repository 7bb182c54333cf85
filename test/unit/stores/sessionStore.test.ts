import { describe, expect, it, vi } from 'vitest';
import { createSessionStore, type AuthGateway, type SignedInUser } from '../../../src/stores/sessionStore.ts';
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';

const config = { region: 'ap-northeast-2', userPoolId: 'ap-northeast-2_x', local: true } as RuntimeConfig;
const demo: SignedInUser = { username: 'demo', idToken: 'id-1', expiresAt: Date.now() + 3_600_000 };

function fakeAuth(overrides: Partial<AuthGateway> = {}): AuthGateway {
  let current: SignedInUser | null = null;
  return {
    signIn: vi.fn(async (username: string, password: string) => {
      if (password !== 'Demo-pass-1') throw Object.assign(new Error('Incorrect username or password.'), { code: 'NotAuthorizedException' });
      current = { ...demo, username };
      return current;
    }),
    signUp: vi.fn(),
    confirmSignUp: vi.fn(),
    resendCode: vi.fn(),
    forgotPassword: vi.fn(),
    confirmForgotPassword: vi.fn(),
    currentSession: vi.fn(async () => current),
    signOut: vi.fn(() => {
      current = null;
    }),
    ...overrides,
  };
}

function setup(auth = fakeAuth(), connect = vi.fn(async (_c: RuntimeConfig, idToken: () => Promise<string>) => ({ identityId: `ap-northeast-2:${await idToken()}`, close: vi.fn() }))) {
  const store = createSessionStore({ loadConfig: async () => config, makeAuth: () => auth, connect });
  return { store, auth, connect };
}

describe('the session store', () => {
  it('starts signed out when nobody is remembered', async () => {
    const { store } = setup();
    await store.getState().start();
    expect(store.getState().phase).toBe('signed-out');
    expect(store.getState().config).toBe(config);
  });

  it('signs in and connects with a provider of fresh id tokens', async () => {
    const { store } = setup();
    await store.getState().start();
    await store.getState().signIn('demo', 'Demo-pass-1');
    expect(store.getState().phase).toBe('signed-in');
    expect(store.getState().connection?.identityId).toBe('ap-northeast-2:id-1');
  });

  it('passes a wrong password on to the screen and stays signed out', async () => {
    const { store } = setup();
    await store.getState().start();
    await expect(store.getState().signIn('demo', 'nope')).rejects.toMatchObject({ code: 'NotAuthorizedException' });
    expect(store.getState().phase).toBe('signed-out');
  });

  it('reconnects a remembered session at start, as after a reload', async () => {
    const { store } = setup(fakeAuth({ currentSession: async () => demo }));
    await store.getState().start();
    expect(store.getState().phase).toBe('signed-in');
  });

  it('returns to sign-in with a notice when the session expires, closing the connection', async () => {
    const { store, auth } = setup();
    await store.getState().start();
    await store.getState().signIn('demo', 'Demo-pass-1');
    const connection = store.getState().connection!;
    store.getState().sessionExpired();
    expect(store.getState()).toMatchObject({ phase: 'signed-out', notice: 'session-expired' });
    expect(connection.close).toHaveBeenCalled();
    expect(auth.signOut).toHaveBeenCalled();
  });

  it('reports a config that cannot be loaded', async () => {
    const store = createSessionStore({
      loadConfig: async () => {
        throw new Error('/config.json answered HTTP 404');
      },
      makeAuth: () => fakeAuth(),
      connect: vi.fn(),
    });
    await store.getState().start();
    expect(store.getState()).toMatchObject({ phase: 'config-error', configError: '/config.json answered HTTP 404' });
  });

  it('shows why connecting failed after a good sign-in', async () => {
    const { store } = setup(fakeAuth(), vi.fn(async () => {
      throw Object.assign(new Error('Invalid login token.'), { name: 'NotAuthorizedException' });
    }));
    await store.getState().start();
    await store.getState().signIn('demo', 'Demo-pass-1');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', connectError: { code: 'NotAuthorizedException' } });
  });
});
