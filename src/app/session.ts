// The composition root: the real adapters wired into the session store.
import { loadRuntimeConfig } from '../config/loadConfig.ts';
import { CognitoAuth } from '../auth/cognitoAuth.ts';
import { createSessionStore, type AuthGateway, type Connection } from '../stores/sessionStore.ts';
import type { AwsClients } from '../aws/clients.ts';
import type { RuntimeConfig } from '../config/runtimeConfig.ts';

export interface AwsConnection extends Connection {
  clients: AwsClients;
  /** The signed-in user's current Cognito id token (refreshed when needed): Kendra's user token. */
  idToken(): Promise<string>;
}

function cognitoGateway(config: RuntimeConfig): AuthGateway {
  const auth = new CognitoAuth(config);
  return {
    signIn: (u, p) => auth.signIn(u, p),
    signUp: (u, e, p) => auth.signUp(u, e, p),
    confirmSignUp: (u, c) => auth.confirmSignUp(u, c),
    resendCode: (u) => auth.resendCode(u),
    forgotPassword: (u) => auth.forgotPassword(u),
    confirmForgotPassword: (u, c, p) => auth.confirmForgotPassword(u, c, p),
    currentSession: () => auth.currentSession(),
    signOut: () => auth.signOut(),
  };
}

async function connect(config: RuntimeConfig, idToken: () => Promise<string>): Promise<AwsConnection> {
  // The SDK loads only after sign-in, so the sign-in screen paints without it.
  const [{ identityCredentials }, { createAwsClients }] = await Promise.all([
    import('../auth/identityCredentials.ts'),
    import('../aws/clients.ts'),
  ]);
  const { identityId, provider } = await identityCredentials(config, idToken);
  const clients = createAwsClients(config, identityId, provider);
  return { identityId, clients, idToken, close: () => clients.destroy() };
}

export const sessionStore = createSessionStore<AwsConnection>({
  loadConfig: () => loadRuntimeConfig(),
  makeAuth: cognitoGateway,
  connect,
});
