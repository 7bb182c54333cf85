// Sign-in with the Cognito user pool through amazon-cognito-identity-js, as promises.
// USER_SRP_AUTH by default; USER_PASSWORD_AUTH when the runtime config says so (the local stack).
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { RuntimeConfig } from '../config/runtimeConfig.ts';

export interface AuthSession {
  username: string;
  idToken: string;
  accessToken: string;
  /** Epoch milliseconds when the id token expires. */
  expiresAt: number;
}

/** A Cognito failure, with the service's error name as code (e.g. NotAuthorizedException). */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const e = error as { code?: string; name?: string; message?: string } | undefined;
  const message = e?.message ?? String(error);
  if (/network|fetch/i.test(message) && !e?.code) return new AuthError('network', message);
  return new AuthError(e?.code ?? e?.name ?? 'unknown', message);
}

function toSession(username: string, session: CognitoUserSession): AuthSession {
  const id = session.getIdToken();
  return {
    username,
    idToken: id.getJwtToken(),
    accessToken: session.getAccessToken().getJwtToken(),
    expiresAt: id.getExpiration() * 1000,
  };
}

export class CognitoAuth {
  private readonly pool: CognitoUserPool;

  constructor(
    private readonly config: Pick<RuntimeConfig, 'userPoolId' | 'userPoolClientId' | 'authFlow' | 'endpoint'>,
    private readonly storage: ICognitoStorage = window.localStorage,
  ) {
    this.pool = new CognitoUserPool({
      UserPoolId: config.userPoolId,
      ClientId: config.userPoolClientId,
      Storage: storage,
      ...(config.endpoint ? { endpoint: `${config.endpoint.replace(/\/$/, '')}/` } : {}),
    });
  }

  private user(username: string): CognitoUser {
    const user = new CognitoUser({ Username: username, Pool: this.pool, Storage: this.storage });
    if (this.config.authFlow === 'USER_PASSWORD_AUTH') user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    return user;
  }

  signIn(username: string, password: string): Promise<AuthSession> {
    const user = this.user(username.trim());
    return new Promise((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: username.trim(), Password: password }), {
        onSuccess: (session) => resolve(toSession(user.getUsername(), session)),
        onFailure: (error) => reject(toAuthError(error)),
        newPasswordRequired: () => reject(new AuthError('PasswordResetRequiredException', 'A new password is required')),
        mfaRequired: () => reject(new AuthError('MfaNotSupported', 'Multi-factor sign-in is not supported by this app yet')),
        totpRequired: () => reject(new AuthError('MfaNotSupported', 'Multi-factor sign-in is not supported by this app yet')),
      });
    });
  }

  signUp(username: string, email: string, password: string): Promise<{ confirmed: boolean; destination?: string }> {
    const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email.trim() })];
    return new Promise((resolve, reject) => {
      this.pool.signUp(username.trim(), password, attributes, [], (error, result) => {
        if (error || !result) return reject(toAuthError(error));
        const delivery = (result as unknown as { codeDeliveryDetails?: { Destination?: string } }).codeDeliveryDetails;
        resolve({ confirmed: result.userConfirmed, ...(delivery?.Destination ? { destination: delivery.Destination } : {}) });
      });
    });
  }

  confirmSignUp(username: string, code: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.user(username.trim()).confirmRegistration(code.trim(), true, (error) => (error ? reject(toAuthError(error)) : resolve()));
    });
  }

  resendCode(username: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.user(username.trim()).resendConfirmationCode((error) => (error ? reject(toAuthError(error)) : resolve()));
    });
  }

  forgotPassword(username: string): Promise<{ destination?: string }> {
    return new Promise((resolve, reject) => {
      this.user(username.trim()).forgotPassword({
        onSuccess: () => resolve({}),
        onFailure: (error) => reject(toAuthError(error)),
        inputVerificationCode: (data: { CodeDeliveryDetails?: { Destination?: string } }) =>
          resolve(data?.CodeDeliveryDetails?.Destination ? { destination: data.CodeDeliveryDetails.Destination } : {}),
      });
    });
  }

  confirmForgotPassword(username: string, code: string, newPassword: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.user(username.trim()).confirmPassword(code.trim(), newPassword, {
        onSuccess: () => resolve(),
        onFailure: (error) => reject(toAuthError(error)),
      });
    });
  }

  /**
   * The signed-in session restored from storage (it survives a reload), refreshed with the
   * refresh token when the id token is within `minValidityMs` of expiring. Null when signed out.
   */
  currentSession(minValidityMs = 5 * 60_000): Promise<AuthSession | null> {
    const user = this.pool.getCurrentUser();
    if (!user) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      user.getSession((error: Error | null, session: CognitoUserSession | null) => {
        if (error || !session) return error ? reject(toAuthError(error)) : resolve(null);
        const current = toSession(user.getUsername(), session);
        if (current.expiresAt - Date.now() > minValidityMs) return resolve(current);
        user.refreshSession(session.getRefreshToken(), (refreshError: Error | null, fresh: CognitoUserSession | null) => {
          if (refreshError || !fresh) return reject(toAuthError(refreshError));
          resolve(toSession(user.getUsername(), fresh));
        });
      });
    });
  }

  signOut(): void {
    this.pool.getCurrentUser()?.signOut();
  }
}
