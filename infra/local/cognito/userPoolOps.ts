// The user-pool operations the app and amazon-cognito-identity-js call, with Cognito's error
// codes and messages. Errors follow a client with PreventUserExistenceErrors enabled: a caller
// cannot tell an unknown username from a wrong password or code.
import type { ServiceContext } from '../services/types.ts';
import { hashPassword, passwordPolicyProblem, verifyPassword } from './passwords.ts';
import { checkToken, mintTokens } from './tokens.ts';
import type { CodeKind, UserRecord, UserStore } from './userStore.ts';

export class IdpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface Pool {
  ctx: ServiceContext;
  store: UserStore;
  tokenTtlSeconds: number;
  /** How long codes live: Cognito gives sign-up codes 24 h and reset codes 1 h. */
  codeTtlMs: (kind: CodeKind) => number;
}

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;
export type Operation = (pool: Pool, input: Input) => Promise<Output>;

const invalid = (message: string) => new IdpError('InvalidParameterException', message);
const notAuthorized = (message: string) => new IdpError('NotAuthorizedException', message);
const BAD_CREDENTIALS = 'Incorrect username or password.';
const CODE_MISMATCH = () => new IdpError('CodeMismatchException', 'Invalid verification code provided, please try again.');

function requireString(input: Input, member: string): string {
  const value = input[member];
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (value === undefined || value === null) {
    throw invalid(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string') throw new IdpError('SerializationException', `Expected a string for ${member}`);
  return value;
}

function requireClient(pool: Pool, input: Input): string {
  const clientId = requireString(input, 'ClientId');
  if (clientId !== pool.ctx.state.userPoolClientId) {
    throw new IdpError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  }
  return clientId;
}

// Cognito's username constraint: letters, marks, symbols, numbers, punctuation; no spaces.
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STANDARD_ATTRIBUTES = new Set([
  'email', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile',
  'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'address', 'updated_at',
]);

function requireUsername(input: Input): string {
  const username = requireString(input, 'Username');
  if (!USERNAME.test(username)) {
    throw invalid(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
  return username;
}

function requireAcceptablePassword(password: string): void {
  const problem = passwordPolicyProblem(password);
  if (problem) throw new IdpError('InvalidPasswordException', problem);
}

function readAttributes(input: Input): Record<string, string> {
  const list = input.UserAttributes ?? [];
  if (!Array.isArray(list)) throw new IdpError('SerializationException', 'UserAttributes must be a list');
  const attributes: Record<string, string> = {};
  for (const item of list as Array<{ Name?: unknown; Value?: unknown }>) {
    if (typeof item?.Name !== 'string' || typeof item.Value !== 'string') throw invalid('Each user attribute needs a Name and a Value.');
    if (!STANDARD_ATTRIBUTES.has(item.Name) && !item.Name.startsWith('custom:')) {
      throw invalid(`Attributes did not conform to the schema: ${item.Name}: Attribute does not exist in the schema.`);
    }
    attributes[item.Name] = item.Value;
  }
  if (!attributes.email) throw invalid('Attributes did not conform to the schema: email: The attribute is required');
  if (!EMAIL.test(attributes.email)) throw invalid('Invalid email address format.');
  return attributes;
}

/** `alice@example.com` → `a***@e***`, the way Cognito shows where a code went. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

function delivery(email: string | undefined) {
  return { CodeDeliveryDetails: { Destination: maskEmail(email ?? 'u@e'), DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
}

function sendCode(pool: Pool, user: UserRecord, kind: CodeKind): Output {
  const { code } = pool.store.issueCode(user, kind, pool.codeTtlMs(kind));
  const what = kind === 'signup' ? 'confirmation code' : 'password reset code';
  pool.ctx.log(`cognito: ${what} for ${user.username}: ${code}  (sent to ${user.attributes.email ?? 'no email'})`);
  return delivery(user.attributes.email);
}

/** Use a pending code of the given kind, or throw Cognito's error for a wrong or stale one. */
function consumeCode(pool: Pool, user: UserRecord | undefined, kind: CodeKind, code: string): UserRecord {
  const pending = user?.code;
  if (!user || !pending || pending.kind !== kind || pending.code !== code) throw CODE_MISMATCH();
  if (pending.expiresAt <= Date.now()) throw new IdpError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  pool.store.update(user, (u) => delete u.code);
  return user;
}

/** The user behind an access token that is ours, unexpired, and not signed out. */
function userFromAccessToken(pool: Pool, input: Input): UserRecord {
  const token = requireString(input, 'AccessToken');
  const check = checkToken(pool.ctx, token, 'access');
  if (!check.ok) throw notAuthorized(check.problem === 'expired' ? 'Access Token has expired' : 'Invalid Access Token');
  const session = pool.store.session(String(check.claims.origin_jti));
  if (!session || session.revoked) throw notAuthorized('Access Token has been revoked');
  const user = pool.store.bySub(String(check.claims.sub));
  if (!user) throw new IdpError('UserNotFoundException', 'User does not exist.');
  return user;
}

function authenticationResult(pool: Pool, user: UserRecord, session: Parameters<typeof mintTokens>[2], refreshToken?: string): Output {
  const tokens = mintTokens(pool.ctx, user, session, pool.tokenTtlSeconds);
  return {
    AuthenticationResult: {
      AccessToken: tokens.accessToken,
      ExpiresIn: tokens.expiresIn,
      IdToken: tokens.idToken,
      ...(refreshToken ? { RefreshToken: refreshToken } : {}),
      TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  };
}

const AUTH_FLOWS = [
  'USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH', 'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'USER_AUTH',
];

async function passwordSignIn(pool: Pool, clientId: string, params: Record<string, unknown>): Promise<Output> {
  if (typeof params.USERNAME !== 'string') throw invalid('Missing required parameter USERNAME');
  if (typeof params.PASSWORD !== 'string') throw invalid('Missing required parameter PASSWORD');
  const user = pool.store.get(params.USERNAME);
  if (!user || !(await verifyPassword(params.PASSWORD, user.passwordHash))) throw notAuthorized(BAD_CREDENTIALS);
  if (!user.confirmed) throw new IdpError('UserNotConfirmedException', 'User is not confirmed.');
  const { session, refreshToken } = pool.store.startSession(user, clientId);
  return authenticationResult(pool, user, session, refreshToken);
}

function refreshSignIn(pool: Pool, clientId: string, params: Record<string, unknown>): Output {
  if (typeof params.REFRESH_TOKEN !== 'string') throw invalid('Missing required parameter REFRESH_TOKEN');
  const session = pool.store.sessionByRefreshToken(params.REFRESH_TOKEN);
  if (!session || session.clientId !== clientId) throw notAuthorized('Invalid Refresh Token');
  if (session.revoked) throw notAuthorized('Refresh Token has been revoked');
  if (session.expiresAt <= Date.now()) throw notAuthorized('Refresh Token has expired');
  const user = pool.store.bySub(session.sub);
  if (!user) throw notAuthorized('Invalid Refresh Token');
  return authenticationResult(pool, user, session);
}

export const OPERATIONS: Record<string, Operation> = {
  async SignUp(pool, input) {
    requireClient(pool, input);
    const username = requireUsername(input);
    const password = requireString(input, 'Password');
    requireAcceptablePassword(password);
    const attributes = readAttributes(input);
    if (pool.store.get(username)) throw new IdpError('UsernameExistsException', 'User already exists');
    const user = pool.store.create({
      username,
      passwordHash: await hashPassword(password),
      confirmed: false,
      attributes: { ...attributes, email_verified: 'false' },
      groups: [],
    });
    return { UserConfirmed: false, UserSub: user.sub, ...sendCode(pool, user, 'signup') };
  },

  async ConfirmSignUp(pool, input) {
    requireClient(pool, input);
    const username = requireString(input, 'Username');
    const code = requireString(input, 'ConfirmationCode');
    const user = pool.store.get(username);
    if (user?.confirmed) throw notAuthorized('User cannot be confirmed. Current status is CONFIRMED');
    consumeCode(pool, user, 'signup', code);
    pool.store.update(user!, (u) => {
      u.confirmed = true;
      u.attributes.email_verified = 'true';
    });
    pool.ctx.log(`cognito: ${user!.username} confirmed`);
    return {};
  },

  async ResendConfirmationCode(pool, input) {
    requireClient(pool, input);
    const user = pool.store.get(requireString(input, 'Username'));
    if (!user) return delivery('u@e');
    if (user.confirmed) throw invalid('User is already confirmed.');
    return sendCode(pool, user, 'signup');
  },

  async InitiateAuth(pool, input) {
    const clientId = requireClient(pool, input);
    const flow = requireString(input, 'AuthFlow');
    const params = (input.AuthParameters ?? {}) as Record<string, unknown>;
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
        return passwordSignIn(pool, clientId, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return refreshSignIn(pool, clientId, params);
      case 'USER_SRP_AUTH':
        throw invalid(
          'The local stack does not implement SRP sign-in (USER_SRP_AUTH). Sign in with USER_PASSWORD_AUTH: ' +
            "the local runtime config (/_local/config) says authFlow USER_PASSWORD_AUTH; with amazon-cognito-identity-js call user.setAuthenticationFlowType('USER_PASSWORD_AUTH').",
        );
      default:
        if (AUTH_FLOWS.includes(flow)) throw invalid(`Initiate Auth method not supported by the local stack: ${flow}. Use USER_PASSWORD_AUTH.`);
        throw invalid(
          `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]`,
        );
    }
  },

  async ForgotPassword(pool, input) {
    requireClient(pool, input);
    const user = pool.store.get(requireString(input, 'Username'));
    if (!user) return delivery('u@e');
    if (user.attributes.email_verified !== 'true') {
      throw invalid('Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    return sendCode(pool, user, 'reset');
  },

  async ConfirmForgotPassword(pool, input) {
    requireClient(pool, input);
    const username = requireString(input, 'Username');
    const code = requireString(input, 'ConfirmationCode');
    const password = requireString(input, 'Password');
    requireAcceptablePassword(password);
    const user = consumeCode(pool, pool.store.get(username), 'reset', code);
    const passwordHash = await hashPassword(password);
    pool.store.update(user, (u) => (u.passwordHash = passwordHash));
    pool.ctx.log(`cognito: password of ${user.username} reset`);
    return {};
  },

  async GetUser(pool, input) {
    const user = userFromAccessToken(pool, input);
    const attributes = Object.entries({ sub: user.sub, ...user.attributes }).map(([Name, Value]) => ({ Name, Value }));
    return { Username: user.username, UserAttributes: attributes };
  },

  async ChangePassword(pool, input) {
    const user = userFromAccessToken(pool, input);
    const previous = requireString(input, 'PreviousPassword');
    const proposed = requireString(input, 'ProposedPassword');
    if (!(await verifyPassword(previous, user.passwordHash))) throw notAuthorized(BAD_CREDENTIALS);
    requireAcceptablePassword(proposed);
    const passwordHash = await hashPassword(proposed);
    pool.store.update(user, (u) => (u.passwordHash = passwordHash));
    return {};
  },

  async GlobalSignOut(pool, input) {
    const user = userFromAccessToken(pool, input);
    pool.store.revokeAll(user.sub);
    return {};
  },

  async RevokeToken(pool, input) {
    const clientId = requireClient(pool, input);
    const token = requireString(input, 'Token');
    if (token.split('.').length === 3) throw new IdpError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
    const session = pool.store.sessionByRefreshToken(token);
    // Revoking an unknown or already revoked token succeeds, as OAuth revocation does (RFC 7009).
    if (!session) return {};
    if (session.clientId !== clientId) throw new IdpError('UnauthorizedException', 'The refresh token was not issued to this client.');
    pool.store.revoke(session);
    return {};
  },

  async DeleteUser(pool, input) {
    const user = userFromAccessToken(pool, input);
    pool.store.delete(user);
    pool.ctx.log(`cognito: ${user.username} deleted`);
    return {};
  },
};
