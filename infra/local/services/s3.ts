// S3: s3rver embedded (path-style), with the keys issued by the local identity pool registered
// in its account, the deployed role's S3 statements for those keys (s3Policy.ts), and the
// multipart calls s3rver lacks (s3Multipart.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sendServiceError } from '../http.ts';
import { LocalMultipart } from './s3Multipart.ts';
import { checkPrefix } from './s3Policy.ts';
import type { LocalService, ServiceContext } from './types.ts';

const require = createRequire(import.meta.url);

interface S3rverInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  configureBuckets(): Promise<void>;
  store: { getBucket(name: string): Promise<unknown> };
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
interface AccountModule {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secret: string): void };
}

export function corsConfigurationXml(origins: readonly string[]): string {
  const rules = origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('');
  return (
    `<CORSConfiguration><CORSRule>${rules}` +
    ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('') +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-version-id</ExposeHeader>' +
    '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>'
  );
}

export function createS3Service(ctx: ServiceContext, origins: readonly string[]): LocalService & { ready: Promise<void> } {
  const S3rver = require('s3rver') as S3rverClass;
  const account = require('s3rver/lib/models/account') as AccountModule;
  const directory = join(ctx.dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({
    directory,
    silent: true,
    configureBuckets: [{ name: ctx.state.bucket, configs: [corsConfigurationXml(origins)] }],
  });
  // s3rver looks each access key up in its own registry (it does not check SigV4 signatures).
  ctx.credentials.onIssued((c) => account.DUMMY_ACCOUNT.createKeyPair(c.accessKeyId, c.secretKey));
  const handler = s3.callback();
  const ready = s3.configureBuckets();
  const multipart = new LocalMultipart(directory);

  return {
    name: 's3',
    ready,
    async handle(req, res, info) {
      if (info.identityId) {
        const copySource = req.headers['x-amz-copy-source'];
        const denied = checkPrefix(info, ctx.state.bucket, typeof copySource === 'string' ? copySource : undefined);
        if (denied) {
          sendServiceError(res, 's3', { code: 'AccessDenied', message: denied, status: 403 });
          req.resume();
          return;
        }
      }
      // s3rver checks the access key of what it serves; what we serve ourselves needs one too.
      if (info.accessKeyId && !isStreamingPayload(req) && (await multipart.handle(req, res, info.method, info.url))) return;
      handler(req, res);
    },
    async health() {
      const bucket = await s3.store.getBucket(ctx.state.bucket);
      return bucket
        ? { state: 'ready', detail: { engine: 's3rver', bucket: ctx.state.bucket } }
        : { state: 'failed', error: `bucket ${ctx.state.bucket} is missing` };
    },
  };
}

/** aws-chunked bodies carry chunk signatures between the bytes; s3rver decodes those itself. */
function isStreamingPayload(req: IncomingMessage): boolean {
  return String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-') || String(req.headers['content-encoding'] ?? '').includes('aws-chunked');
}
