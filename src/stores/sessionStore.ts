// Session: runtime config, sign-in state and the signed-in user's AWS connection.
// Adapters come in through SessionDeps, so tests drive this store with fakes.
import { createStore } from 'zustand/vanilla';
import type { RuntimeConfig } from '../config/runtimeConfig.ts';

export interface SignedInUser {
  username: string;
  idToken: string;
  expiresAt: number;
}

/** What the sign-in screens need from the user pool. */
export interface AuthGateway {
  signIn(username: string, password: string): Promise<SignedInUser>;
  signUp(username: string, email: string, password: string): Promise<{ confirmed: boolean; destination?: string }>;
  confirmSignUp(username: string, code: string): Promise<void>;
  resendCode(username: string): Promise<void>;
  forgotPassword(username: string): Promise<{ destination?: string }>;
  confirmForgotPassword(username: string, code: string, newPassword: string): Promise<void>;
  currentSession(): Promise<SignedInUser | null>;
  signOut(): void;
}

/** The signed-in user's connection to AWS (identity id and clients), opaque to this store. */
export interface Connection {
  identityId: string;
  close(): void;
}

export interface SessionDeps<C extends Connection = Connection> {
  loadConfig(): Promise<RuntimeConfig>;
  makeAuth(config: RuntimeConfig): AuthGateway;
  connect(config: RuntimeConfig, idToken: () => Promise<string>): Promise<C>;
}

export type SessionPhase = 'loading' | 'config-error' | 'signed-out' | 'connecting' | 'signed-in';

export interface SessionState<C extends Connection = Connection> {
  phase: SessionPhase;
  config?: RuntimeConfig;
  configError?: string;
  auth?: AuthGateway;
  user?: SignedInUser;
  connection?: C;
  /** Why the user is at the sign-in screen again (e.g. the session expired). */
  notice?: 'session-expired';
  /** A failure while connecting after sign-in, as the error's name and message. */
  connectError?: { code: string; message: string };
  start(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
  /** Called when a service says the credentials are no longer valid. */
  sessionExpired(): void;
}

export function createSessionStore<C extends Connection>(deps: SessionDeps<C>) {
  return createStore<SessionState<C>>()((set, get) => {
    const connect = async (config: RuntimeConfig, auth: AuthGateway, user: SignedInUser) => {
      set({ phase: 'connecting', user, connectError: undefined });
      const idToken = async () => {
        const current = await auth.currentSession();
        if (!current) throw Object.assign(new Error('Signed out'), { name: 'NotAuthorizedException' });
        return current.idToken;
      };
      try {
        const connection = await deps.connect(config, idToken);
        set({ phase: 'signed-in', connection, notice: undefined });
      } catch (error) {
        const e = error as { name?: string; message?: string };
        set({ phase: 'signed-out', user: undefined, connectError: { code: e.name ?? 'Error', message: e.message ?? String(error) } });
      }
    };

    return {
      phase: 'loading',
      async start() {
        set({ phase: 'loading', configError: undefined });
        let config: RuntimeConfig;
        try {
          config = await deps.loadConfig();
        } catch (error) {
          set({ phase: 'config-error', configError: error instanceof Error ? error.message : String(error) });
          return;
        }
        const auth = deps.makeAuth(config);
        set({ config, auth });
        let user: SignedInUser | null = null;
        try {
          user = await auth.currentSession();
        } catch {
          // A stored session that can no longer be refreshed means signing in again.
          set({ notice: 'session-expired' });
        }
        if (user) await connect(config, auth, user);
        else set({ phase: 'signed-out' });
      },
      async signIn(username, password) {
        const { config, auth } = get();
        if (!config || !auth) throw new Error('signIn before start');
        const user = await auth.signIn(username, password);
        await connect(config, auth, user);
      },
      signOut() {
        const { auth, connection } = get();
        connection?.close();
        auth?.signOut();
        set({ phase: 'signed-out', user: undefined, connection: undefined, notice: undefined });
      },
      sessionExpired() {
        const { auth, connection } = get();
        connection?.close();
        auth?.signOut();
        set({ phase: 'signed-out', user: undefined, connection: undefined, notice: 'session-expired' });
      },
    };
  });
}
