// The multipart calls s3rver 3.7 lacks or gets wrong, over its own upload folders
// (<data>/s3/<bucket>/._S3rver_uploads/<uploadId>/{key, metadata, <n>, <n>.md5}):
// - AbortMultipartUpload, ListParts and ListMultipartUploads, which it does not serve at all;
// - UploadPart and CompleteMultipartUpload on an unknown (e.g. aborted) upload, which real S3
//   refuses with NoSuchUpload but s3rver would quietly re-create, leaving a dangling upload;
// - UploadPart whose client goes away mid-body, which s3rver never finishes (its file stays open).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeXml, sendServiceError } from '../http.ts';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

interface Target {
  bucket: string;
  key: string;
  query: URLSearchParams;
}

export class LocalMultipart {
  constructor(private readonly root: string) {}

  private uploadsDir(bucket: string): string {
    return join(this.root, bucket, '._S3rver_uploads');
  }

  private uploadDir(bucket: string, uploadId: string): string | undefined {
    // Upload ids are s3rver's hex strings; anything else would reach outside the folder.
    return /^[0-9a-f]{8,64}$/.test(uploadId) ? join(this.uploadsDir(bucket), uploadId) : undefined;
  }

  /** The key the upload was started for, or undefined when there is no such upload. */
  private async uploadKey(bucket: string, uploadId: string): Promise<string | undefined> {
    const dir = this.uploadDir(bucket, uploadId);
    if (!dir) return undefined;
    try {
      return await readFile(join(dir, 'key'), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Answers the request and returns true, or returns false to leave it to s3rver. */
  async handle(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<boolean> {
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const target: Target = { bucket, key: decodeURIComponent(rest.join('/')), query: url.searchParams };
    if (target.key === '') {
      if (method === 'GET' && target.query.has('uploads')) return this.listUploads(res, target);
      return false;
    }
    const uploadId = target.query.get('uploadId');
    if (uploadId === null) return false;
    if ((await this.uploadKey(bucket, uploadId)) !== target.key) {
      // The part's body is not wanted, but it is read to the end before answering: an answer
      // while the client is still sending makes the connection close under it (EPIPE), and the
      // client would see a network error instead of NoSuchUpload.
      await new Promise<void>((resolve) => {
        if (req.readableEnded) return resolve();
        req.once('end', resolve).once('error', () => resolve()).once('close', () => resolve());
        req.resume();
      });
      sendServiceError(res, 's3', { code: 'NoSuchUpload', message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', status: 404 });
      return true;
    }
    if (method === 'DELETE') {
      await rm(this.uploadDir(bucket, uploadId)!, { recursive: true, force: true });
      res.writeHead(204, { 'x-amz-request-id': uploadId });
      res.end();
      return true;
    }
    if (method === 'GET') return this.listParts(res, target, uploadId);
    if (method === 'PUT' && !req.headers['x-amz-copy-source']) return this.uploadPart(req, res, target, uploadId);
    return false; // CompleteMultipartUpload of a live upload: s3rver assembles the parts.
  }

  private async uploadPart(req: IncomingMessage, res: ServerResponse, target: Target, uploadId: string): Promise<boolean> {
    const partNumber = Number(target.query.get('partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      sendServiceError(res, 's3', { code: 'InvalidArgument', message: 'Part number must be an integer between 1 and 10000, inclusive', status: 400 });
      req.resume();
      return true;
    }
    const path = join(this.uploadDir(target.bucket, uploadId)!, String(partNumber));
    const md5 = createHash('md5');
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(req, hashing, createWriteStream(path));
    } catch {
      // The client went away (a cancelled upload): no half part is left behind.
      await rm(path, { force: true });
      if (!res.headersSent) res.destroy();
      return true;
    }
    const etag = md5.digest('hex');
    await writeFile(`${path}.md5`, etag);
    res.writeHead(200, { etag: `"${etag}"`, 'content-length': '0', 'x-amz-request-id': uploadId });
    res.end();
    return true;
  }

  private async parts(bucket: string, uploadId: string): Promise<Array<{ number: number; etag: string; size: number; modified: Date }>> {
    const dir = this.uploadDir(bucket, uploadId)!;
    const names = (await readdir(dir)).filter((n) => /^\d+$/.test(n));
    const parts = await Promise.all(
      names.map(async (name) => {
        const [info, etag] = await Promise.all([stat(join(dir, name)), readFile(join(dir, `${name}.md5`), 'utf8').catch(() => '')]);
        return { number: Number(name), etag, size: info.size, modified: info.mtime };
      }),
    );
    // A part still being written has no .md5 yet; S3 lists only finished parts.
    return parts.filter((p) => p.etag !== '').sort((a, b) => a.number - b.number);
  }

  private async listParts(res: ServerResponse, target: Target, uploadId: string): Promise<boolean> {
    const parts = await this.parts(target.bucket, uploadId);
    const body =
      `${XML_HEAD}<ListPartsResult xmlns="${S3_NS}"><Bucket>${escapeXml(target.bucket)}</Bucket>` +
      `<Key>${escapeXml(target.key)}</Key><UploadId>${uploadId}</UploadId><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>` +
      parts
        .map((p) => `<Part><PartNumber>${p.number}</PartNumber><LastModified>${p.modified.toISOString()}</LastModified><ETag>"${p.etag}"</ETag><Size>${p.size}</Size></Part>`)
        .join('') +
      '</ListPartsResult>';
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(body);
    return true;
  }

  private async listUploads(res: ServerResponse, target: Target): Promise<boolean> {
    const prefix = target.query.get('prefix') ?? '';
    // No folder yet: no upload was ever started in this bucket.
    const ids = await readdir(this.uploadsDir(target.bucket)).catch((): string[] => []);
    const uploads = (
      await Promise.all(
        ids.map(async (id) => {
          const key = await this.uploadKey(target.bucket, id);
          if (key === undefined || !key.startsWith(prefix)) return undefined;
          const started = (await stat(this.uploadDir(target.bucket, id)!)).birthtime;
          return { id, key, started };
        }),
      )
    )
      .flatMap((u) => (u ? [u] : []))
      .sort((a, b) => (a.key === b.key ? a.started.getTime() - b.started.getTime() : a.key < b.key ? -1 : 1));
    const body =
      `${XML_HEAD}<ListMultipartUploadsResult xmlns="${S3_NS}"><Bucket>${escapeXml(target.bucket)}</Bucket>` +
      `<Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>` +
      uploads
        .map((u) => `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.started.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`)
        .join('') +
      '</ListMultipartUploadsResult>';
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(body);
    return true;
  }
}
