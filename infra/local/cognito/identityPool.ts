// The local Cognito identity pool (enhanced flow only): GetId and GetCredentialsForIdentity for
// users of the local user pool. Guests get nothing, as in the deployed pool. Identity ids are
// stable per user and kept in <data>/cognito/identities.json, because every per-user S3 prefix
// and DynamoDB key is named after them.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readJson, writeJsonAtomic } from '../persist.ts';
import { readJsonBody, sendJson, sendServiceError } from '../http.ts';
import type { LocalService, ServiceContext } from '../services/types.ts';
import { checkToken, providerNameOf } from './tokens.ts';

interface IdentityRecord {
  identityId: string;
  /** The user pool's `sub`. */
  sub: string;
  username: string;
  createdAt: string;
  lastUsedAt: string;
}

class IdentityError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const JSON_11 = 'application/x-amz-json-1.1';
const UNAUTHENTICATED = 'Unauthenticated access is not supported for this identity pool.';
const notAuthorized = (message: string) => new IdentityError('NotAuthorizedException', message);

export function createIdentityPoolService(ctx: ServiceContext): LocalService {
  const file = join(ctx.dataDir, 'cognito', 'identities.json');
  const bySub = new Map<string, IdentityRecord>(readJson<IdentityRecord[]>(file, []).map((r) => [r.sub, r]));
  const save = () => writeJsonAtomic(file, [...bySub.values()]);

  /** The user pool claims behind a Logins map, or the error Cognito gives for it. */
  function authenticate(logins: unknown): Record<string, unknown> {
    if (logins === undefined || logins === null) throw notAuthorized(UNAUTHENTICATED);
    if (typeof logins !== 'object' || Array.isArray(logins)) throw new IdentityError('SerializationException', 'Logins must be a map.');
    const entries = Object.entries(logins as Record<string, unknown>);
    if (entries.length === 0) throw notAuthorized(UNAUTHENTICATED);
    const provider = providerNameOf(ctx);
    if (entries.length > 1 || entries[0]![0] !== provider) {
      throw notAuthorized(`Token is not from a supported provider of this identity pool. The local pool accepts only "${provider}".`);
    }
    const token = entries[0]![1];
    const check = checkToken(ctx, typeof token === 'string' ? token : '', 'id');
    if (check.ok) return check.claims;
    const now = Math.floor(Date.now() / 1000);
    const why: Record<typeof check.problem, string> = {
      malformed: 'Invalid login token. Not a valid OpenId Connect identity token.',
      signature: "Invalid login token. Couldn't verify signed token.",
      expired: `Invalid login token. Token expired: ${check.exp ?? now} >= ${now}`,
      token_use: 'Invalid login token. Not a valid OpenId Connect identity token.',
      audience: 'Invalid login token. Incorrect token audience.',
      issuer: "Invalid login token. Issuer doesn't match providerName",
    };
    throw notAuthorized(why[check.problem]);
  }

  function requireString(input: Record<string, unknown>, member: string): string {
    const value = input[member];
    if (typeof value !== 'string') {
      const field = member.charAt(0).toLowerCase() + member.slice(1);
      throw new IdentityError('InvalidParameterException', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
  }

  function getId(input: Record<string, unknown>): Record<string, unknown> {
    const poolId = requireString(input, 'IdentityPoolId');
    if (poolId !== ctx.state.identityPoolId) throw new IdentityError('ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
    const claims = authenticate(input.Logins);
    const sub = String(claims.sub);
    const now = new Date().toISOString();
    let record = bySub.get(sub);
    if (!record) {
      record = { identityId: `${ctx.state.region}:${randomUUID()}`, sub, username: String(claims['cognito:username']), createdAt: now, lastUsedAt: now };
      bySub.set(sub, record);
      ctx.log(`cognito: identity ${record.identityId} for ${record.username}`);
    }
    record.lastUsedAt = now;
    save();
    return { IdentityId: record.identityId };
  }

  function getCredentials(input: Record<string, unknown>): Record<string, unknown> {
    const identityId = requireString(input, 'IdentityId');
    const record = [...bySub.values()].find((r) => r.identityId === identityId);
    if (!record) throw new IdentityError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
    const claims = authenticate(input.Logins);
    if (claims.sub !== record.sub) {
      throw notAuthorized('Logins don\'t match. Please include at least one valid login for this identity or identity pool.');
    }
    const issued = ctx.credentials.issue(identityId);
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretKey: issued.secretKey,
        SessionToken: issued.sessionToken,
        Expiration: issued.expiration,
      },
    };
  }

  const OPERATIONS: Record<string, (input: Record<string, unknown>) => Record<string, unknown>> = {
    GetId: getId,
    GetCredentialsForIdentity: getCredentials,
  };

  async function handle(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    const input = await readJsonBody(req);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return sendServiceError(res, 'cognito-identity', { code: 'SerializationException', message: 'The request body is not a JSON object.', status: 400 });
    }
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    if (!run) {
      return sendServiceError(res, 'cognito-identity', {
        code: 'UnknownOperationException',
        message: `The local Cognito identity pool implements only GetId and GetCredentialsForIdentity, not ${operation || 'this operation'}.`,
        status: 400,
      });
    }
    try {
      sendJson(res, 200, run(input as Record<string, unknown>), JSON_11);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      sendServiceError(res, 'cognito-identity', { code: error.code, message: error.message, status: 400 });
    }
  }

  return {
    name: 'cognito-identity',
    handle: (req, res, info) => handle(req, res, info.operation),
    async health() {
      return { state: 'ready', detail: { identities: bySub.size, identityPoolId: ctx.state.identityPoolId } };
    },
  };
}
