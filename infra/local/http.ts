// HTTP helpers shared by the emulated services: bodies, JSON answers, AWS-shaped errors, CORS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ServiceName } from './services/types.ts';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parse a JSON body; an empty body is `{}`; malformed JSON is reported as `undefined`. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(payload.length),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

export interface AwsError {
  code: string;
  message: string;
  status: number;
}

const JSON_11 = 'application/x-amz-json-1.1';
const JSON_10 = 'application/x-amz-json-1.0';

/** Write an error the way the named service does, so the SDK raises the same exception class. */
export function sendServiceError(res: ServerResponse, service: ServiceName, error: AwsError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { code, message, status } = error;
  switch (service) {
    case 's3': {
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code>` +
        `<Message>${escapeXml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
      res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() });
      res.end(xml);
      return;
    }
    case 'dynamodb':
      sendJson(res, status, { __type: `com.amazonaws.dynamodb.v20120810#${code}`, message }, JSON_10);
      return;
    case 'bedrock':
      sendJson(res, status, { message }, 'application/json', { 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.bedrock/` });
      return;
    case 'kendra':
      sendJson(res, status, { __type: `com.amazonaws.kendra#${code}`, Message: message }, JSON_11, { 'x-amzn-errortype': code });
      return;
    default:
      sendJson(res, status, { __type: code, message }, JSON_11, { 'x-amzn-errortype': code });
  }
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** The service's own throttling error. */
export function throttlingError(service: ServiceName): AwsError {
  switch (service) {
    case 's3':
      return { code: 'SlowDown', message: 'Please reduce your request rate.', status: 503 };
    case 'dynamodb':
      return { code: 'ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.', status: 400 };
    case 'cognito-idp':
    case 'cognito-identity':
      return { code: 'TooManyRequestsException', message: 'Rate exceeded', status: 400 };
    case 'bedrock':
      return { code: 'ThrottlingException', message: 'Too many requests, please wait before trying again.', status: 429 };
    case 'kendra':
      return { code: 'ThrottlingException', message: 'Rate exceeded', status: 429 };
  }
}

export function serverError(service: ServiceName, status = 500): AwsError {
  if (status === 503) {
    return { code: service === 's3' ? 'ServiceUnavailable' : 'ServiceUnavailableException', message: 'Service is unavailable. Try again later.', status };
  }
  const code = service === 's3' ? 'InternalError' : service === 'dynamodb' ? 'InternalServerError' : service === 'bedrock' || service === 'kendra' ? 'InternalServerException' : 'InternalErrorException';
  return { code, message: 'We encountered an internal error. Please try again.', status };
}

export const EXPOSED_HEADERS = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-bedrock-content-type',
  'x-amzn-bedrock-input-token-count',
  'x-amzn-bedrock-output-token-count',
  'x-amzn-bedrock-invocation-latency',
  'x-amz-crc32',
  'x-amz-version-id',
  'etag',
];

// '*' does not cover Authorization, so the list names it.
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'content-length',
  'content-md5',
  'cache-control',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'x-amz-target',
  'x-amz-acl',
  'x-amz-meta-*',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
  'x-amz-sdk-checksum-algorithm',
  'x-amz-expected-bucket-owner',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'x-amzn-bedrock-accept',
  'x-amzn-bedrock-trace',
  'x-amzn-bedrock-performanceconfig-latency',
  'x-amzn-bedrock-service-tier',
];

export class Cors {
  constructor(private readonly origins: ReadonlySet<string>) {}

  allows(origin: string | undefined): origin is string {
    return origin !== undefined && this.origins.has(origin);
  }

  /** Headers for an actual (non-preflight) request from an allowed origin. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!this.allows(origin)) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS.join(', '));
    // Lets the page's Resource Timing see when the first byte came (the first-token benchmark).
    res.setHeader('timing-allow-origin', origin);
    res.setHeader('vary', 'Origin');
  }

  /** Answer an OPTIONS preflight. Unknown origins get no CORS headers, so the browser refuses. */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!this.allows(origin)) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('CORS origin not allowed by the local stack');
      return;
    }
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const allowed = [...new Set([...ALLOWED_HEADERS, ...requested.filter((h) => h.startsWith('x-amz-') || h.startsWith('x-amzn-') || h.startsWith('amz-sdk-'))])];
    res.writeHead(200, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, HEAD, PATCH',
      'access-control-allow-headers': allowed.join(', '),
      'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
      'access-control-max-age': '3000',
      vary: 'Origin',
      'content-length': '0',
    });
    res.end();
  }
}

export const DEFAULT_DEV_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
];
