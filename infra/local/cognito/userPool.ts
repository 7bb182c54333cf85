// The local Cognito user pool: the JSON 1.1 API that amazon-cognito-identity-js speaks, the pool's
// JWKS, and test-only routes under /_local/cognito-idp/ (pending codes, ready-made users).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonBody, sendJson, sendServiceError } from '../http.ts';
import type { LocalService, ServiceContext } from '../services/types.ts';
import { hashPassword, hashPasswordSync, passwordPolicyProblem } from './passwords.ts';
import { issuerOf, tokenTtlSeconds } from './tokens.ts';
import { IdpError, OPERATIONS, type Pool } from './userPoolOps.ts';
import { UserStore, type UserRecord } from './userStore.ts';

export { verifyIdToken, issuerOf, providerNameOf } from './tokens.ts';

export const DEMO_USER = { username: 'demo', password: 'Demo-pass-1', email: 'demo@example.com' } as const;

const JSON_11 = 'application/x-amz-json-1.1';
const HOUR_MS = 3600 * 1000;

export function createUserPoolService(ctx: ServiceContext): LocalService {
  const store = new UserStore(ctx.dataDir);
  const codeTtlOverride = Number(ctx.env.LOCAL_COGNITO_CODE_TTL_S);
  const pool: Pool = {
    ctx,
    store,
    tokenTtlSeconds: tokenTtlSeconds(ctx.env),
    codeTtlMs: (kind) => (codeTtlOverride > 0 ? codeTtlOverride * 1000 : kind === 'signup' ? 24 * HOUR_MS : HOUR_MS),
  };
  // Present on every start, so `npm start` always has someone to sign in as; a changed demo
  // password is kept.
  if (!store.get(DEMO_USER.username)) {
    store.create({
      username: DEMO_USER.username,
      passwordHash: hashPasswordSync(DEMO_USER.password),
      confirmed: true,
      attributes: { email: DEMO_USER.email, email_verified: 'true' },
      groups: [],
    });
  }

  function wellKnown(res: ServerResponse, url: URL): void {
    const match = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(url.pathname);
    if (!match || match[1] !== ctx.state.userPoolId) {
      sendServiceError(res, 'cognito-idp', { code: 'ResourceNotFoundException', message: `User pool ${match?.[1] ?? ''} does not exist.`, status: 404 });
      return;
    }
    if (match[2] === 'jwks.json') return sendJson(res, 200, ctx.keys.jwks());
    sendJson(res, 200, {
      issuer: issuerOf(ctx),
      jwks_uri: `${ctx.baseUrl()}/${ctx.state.userPoolId}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['code', 'token'],
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    const input = await readJsonBody(req);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return sendServiceError(res, 'cognito-idp', { code: 'SerializationException', message: 'The request body is not a JSON object.', status: 400 });
    }
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!run) {
      return sendServiceError(res, 'cognito-idp', {
        code: 'UnknownOperationException',
        message: `The local Cognito user pool does not implement ${operation || 'this operation'}.`,
        status: 400,
      });
    }
    try {
      sendJson(res, 200, await run(pool, input as Record<string, unknown>), JSON_11);
    } catch (error) {
      if (!(error instanceof IdpError)) throw error;
      sendServiceError(res, 'cognito-idp', { code: error.code, message: error.message, status: error.status });
    }
  }

  return {
    name: 'cognito-idp',
    async handle(req, res, info) {
      if (info.method === 'GET') return wellKnown(res, info.url);
      await handle(req, res, info.operation);
    },
    async health() {
      return { state: 'ready', detail: { users: store.size, userPoolId: ctx.state.userPoolId } };
    },
    async admin(req, res, path) {
      const codes = /^codes\/([^/]+)$/.exec(path);
      if (codes && req.method === 'GET') {
        const username = safeDecode(codes[1]!);
        const user = store.get(username);
        if (!user?.code) {
          sendJson(res, 404, { message: `no pending code for ${username}` });
        } else {
          sendJson(res, 200, { code: user.code.code, kind: user.code.kind });
        }
        return true;
      }
      if (path === 'users' && req.method === 'GET') {
        sendJson(res, 200, { users: store.list().map(describe) });
        return true;
      }
      if (path === 'users' && req.method === 'POST') {
        const result = await putUser(store, await readJsonBody(req));
        if (typeof result === 'string') sendJson(res, 400, { message: result });
        else sendJson(res, result.created ? 201 : 200, { ...describe(result.user), created: result.created });
        return true;
      }
      return false;
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function describe(user: UserRecord) {
  return {
    username: user.username,
    sub: user.sub,
    email: user.attributes.email ?? null,
    confirmed: user.confirmed,
    groups: user.groups,
  };
}

/** Create, or bring up to date, a confirmed user for tests. Returns a problem as a string. */
async function putUser(store: UserStore, body: unknown): Promise<{ user: UserRecord; created: boolean } | string> {
  const b = (body ?? {}) as { username?: unknown; password?: unknown; email?: unknown; groups?: unknown };
  if (typeof b.username !== 'string' || !b.username) return 'username (string) is required';
  if (typeof b.password !== 'string') return 'password (string) is required';
  const problem = passwordPolicyProblem(b.password);
  if (problem) return problem;
  if (b.email !== undefined && typeof b.email !== 'string') return 'email must be a string';
  if (b.groups !== undefined && !(Array.isArray(b.groups) && b.groups.every((g) => typeof g === 'string'))) return 'groups must be a list of strings';
  const email = (b.email as string | undefined) ?? `${encodeURIComponent(b.username)}@example.com`;
  const groups = (b.groups as string[] | undefined) ?? [];
  const passwordHash = await hashPassword(b.password);
  const existing = store.get(b.username);
  if (existing) {
    store.update(existing, (u) => {
      u.passwordHash = passwordHash;
      u.confirmed = true;
      u.attributes.email = email;
      u.attributes.email_verified = 'true';
      u.groups = groups;
    });
    return { user: existing, created: false };
  }
  const user = store.create({ username: b.username, passwordHash, confirmed: true, attributes: { email, email_verified: 'true' }, groups });
  return { user, created: true };
}
