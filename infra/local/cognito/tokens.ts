// ID and access tokens shaped like the ones a real Cognito user pool issues, signed with the
// stack's RS256 key, and the checks other local services use to trust them.
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../services/types.ts';
import type { Session, UserRecord } from './userStore.ts';

export type TokenContext = Pick<ServiceContext, 'keys' | 'state'>;

export const DEFAULT_TOKEN_TTL_S = 3600;

export function issuerOf(ctx: TokenContext): string {
  return `https://cognito-idp.${ctx.state.region}.amazonaws.com/${ctx.state.userPoolId}`;
}

/** The identity pool's Logins key for this user pool. */
export function providerNameOf(ctx: TokenContext): string {
  return `cognito-idp.${ctx.state.region}.amazonaws.com/${ctx.state.userPoolId}`;
}

export function tokenTtlSeconds(env: NodeJS.ProcessEnv): number {
  const ttl = Number(env.LOCAL_COGNITO_TOKEN_TTL_S);
  return Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_TOKEN_TTL_S;
}

export interface TokenPair {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

/** Mint an id and an access token for one session (a sign-in or a refresh of it). */
export function mintTokens(ctx: TokenContext, user: UserRecord, session: Session, ttlSeconds: number): TokenPair {
  const iat = Math.floor(Date.now() / 1000);
  const common = {
    sub: user.sub,
    iss: issuerOf(ctx),
    origin_jti: session.id,
    event_id: session.eventId,
    auth_time: session.authTime,
    iat,
    exp: iat + ttlSeconds,
  };
  const groups = user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {};
  const { email_verified, ...attributes } = user.attributes;
  const idToken = ctx.keys.sign({
    ...common,
    ...groups,
    ...attributes,
    ...(email_verified === undefined ? {} : { email_verified: email_verified === 'true' }),
    'cognito:username': user.username,
    aud: session.clientId,
    token_use: 'id',
    jti: randomUUID(),
  });
  const accessToken = ctx.keys.sign({
    ...common,
    ...groups,
    client_id: session.clientId,
    username: user.username,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    jti: randomUUID(),
  });
  return { idToken, accessToken, expiresIn: ttlSeconds };
}

export type TokenProblem = 'malformed' | 'signature' | 'expired' | 'token_use' | 'audience' | 'issuer';

export type TokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; problem: TokenProblem; exp?: number };

/**
 * Check a token of this pool: signature by our key, issuer, token_use, audience (client id),
 * and expiry last, so that an expired token is reported as expired rather than as forged.
 */
export function checkToken(ctx: TokenContext, token: string, use: 'id' | 'access', nowSeconds = Math.floor(Date.now() / 1000)): TokenCheck {
  if (typeof token !== 'string' || token.split('.').length !== 3) return { ok: false, problem: 'malformed' };
  // Verifying "at time 0" checks the signature alone; expiry is judged below.
  const claims = ctx.keys.verify(token, 0);
  if (!claims) return { ok: false, problem: 'signature' };
  if (claims.iss !== issuerOf(ctx)) return { ok: false, problem: 'issuer' };
  if (claims.token_use !== use) return { ok: false, problem: 'token_use' };
  const audience = use === 'id' ? claims.aud : claims.client_id;
  if (audience !== ctx.state.userPoolClientId) return { ok: false, problem: 'audience' };
  if (typeof claims.exp !== 'number') return { ok: false, problem: 'malformed' };
  if (claims.exp <= nowSeconds) return { ok: false, problem: 'expired', exp: claims.exp };
  return { ok: true, claims };
}

/**
 * The claims of a valid, unexpired ID token of the local pool, or null. For other local services
 * that trust the user's ID token (e.g. Kendra token-based access control).
 */
export function verifyIdToken(ctx: TokenContext, token: string): Record<string, unknown> | null {
  const check = checkToken(ctx, token, 'id');
  return check.ok ? check.claims : null;
}
