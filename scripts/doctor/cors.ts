// CORS preflights, sent the way a browser sends them before each AWS call the app makes.
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import { fail, pass, skip, type Check } from './check.ts';

/** Headers the AWS SDK for JavaScript v3 sets on a signed request from the browser. */
export const SIGNED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-target',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'x-amz-user-agent',
  'x-amz-content-sha256',
];
/** Cognito calls are unsigned: no authorization, date or token headers. */
export const UNSIGNED_HEADERS = ['content-type', 'x-amz-target', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request'];

export interface Endpoint {
  name: string;
  url: string;
  method: string;
  headers: string[];
}

export function endpointsFor(config: RuntimeConfig): Endpoint[] {
  const local = config.endpoint?.replace(/\/+$/, '') ?? null;
  const host = (service: string, region: string): string => local ?? `https://${service}.${region}.amazonaws.com`;
  const model = encodeURIComponent(config.defaultModelId);
  const list: Endpoint[] = [
    { name: 'Cognito user pool', url: `${host('cognito-idp', config.region)}/`, method: 'POST', headers: [...UNSIGNED_HEADERS, 'cache-control'] },
    { name: 'Cognito identity pool', url: `${host('cognito-identity', config.region)}/`, method: 'POST', headers: UNSIGNED_HEADERS },
    {
      name: 'Bedrock runtime',
      url: `${host('bedrock-runtime', config.bedrockRegion)}/model/${model}/invoke-with-response-stream`,
      method: 'POST',
      headers: [...SIGNED_HEADERS, 'x-amzn-bedrock-accept'],
    },
    { name: 'Bedrock control plane', url: `${host('bedrock', config.bedrockRegion)}/foundation-models`, method: 'GET', headers: SIGNED_HEADERS },
    {
      name: 'S3',
      url: local ? `${local}/${config.bucket}/private/doctor-probe` : `https://${config.bucket}.s3.${config.region}.amazonaws.com/private/doctor-probe`,
      method: 'PUT',
      headers: SIGNED_HEADERS,
    },
    { name: 'DynamoDB', url: `${host('dynamodb', config.region)}/`, method: 'POST', headers: SIGNED_HEADERS },
  ];
  if (config.kendra) {
    list.push({ name: 'Kendra', url: `${host('kendra', config.kendra.region)}/`, method: 'POST', headers: SIGNED_HEADERS });
  }
  return list;
}

const split = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

/** Why the browser would block the real request after this preflight answer, or null if it would not. */
export function preflightProblem(res: { status: number; headers: Headers }, origin: string, e: Endpoint): string | null {
  if (res.status < 200 || res.status >= 300) return `preflight answered HTTP ${res.status}`;
  const allowOrigin = res.headers.get('access-control-allow-origin');
  if (allowOrigin !== origin && allowOrigin !== '*') {
    return allowOrigin ? `Access-Control-Allow-Origin is ${allowOrigin}, not ${origin}` : 'no Access-Control-Allow-Origin';
  }
  const methods = split(res.headers.get('access-control-allow-methods'));
  // A simple method (GET/POST) passes without being listed, as browsers allow.
  const simple = e.method === 'GET' || e.method === 'POST';
  if (!simple && !methods.includes(e.method.toLowerCase()) && !methods.includes('*')) {
    return `method ${e.method} not allowed (${methods.join(', ') || 'none'})`;
  }
  const allowed = split(res.headers.get('access-control-allow-headers'));
  // "*" never covers Authorization (Fetch standard), so it must be named.
  const missing = e.headers.filter((h) => !allowed.includes(h) && !(allowed.includes('*') && h !== 'authorization'));
  if (missing.length > 0) return `headers not allowed: ${missing.join(', ')}`;
  return null;
}

export async function preflight(e: Endpoint, origin: string, timeoutMs = 10_000): Promise<Check> {
  const name = `CORS ${e.name}`;
  try {
    const res = await fetch(e.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': e.method,
        'access-control-request-headers': e.headers.join(','),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const problem = preflightProblem(res, origin, e);
    return problem ? fail(name, `${e.url}: ${problem}`) : pass(name, `${e.method} ${new URL(e.url).host} allowed from ${origin}`);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return fail(name, `${e.url} unreachable${cause ? ` (${cause})` : ''}: ${(err as Error).message}`);
  }
}

export function skippedKendraCors(): Check {
  return skip('CORS Kendra', 'no Kendra index configured');
}
