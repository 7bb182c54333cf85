// DocumentStore over S3: `private/<identityId>/documents/<docId>/<file name>` for the original and
// a fixed name beside it for the extracted text. The deployed role only allows keys under the
// caller's own `private/<identityId>/`, so every key is built here from the identity id.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError, toAppError } from '../domain/errors.ts';
import type { DocumentStore, UploadProgress } from '../domain/ports.ts';
import type { AwsClients } from './clients.ts';

/** The extracted text's name; an uploaded file of the same name is refused rather than overwritten. */
export const TEXT_FILE_NAME = '.extracted.txt';
/** How long an "open the source" link works. */
const LINK_SECONDS = 15 * 60;
/** How long after a cancel the original is deleted once more (see uploadOriginal). */
const LATE_DELETE_MS = 1_000;
/** Multipart part size: the S3 minimum, so progress moves in small steps on slow links. */
const PART_BYTES = 5 * 1024 * 1024;

export type DocumentStoreClients = Pick<AwsClients, 's3' | 'config' | 'identityId'>;

// A slash would turn the name into folders; control characters break Content-Disposition.
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[/\\]/g, '_').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..' || cleaned === TEXT_FILE_NAME) {
    throw new AppError('unsupported-file', { message: `cannot store a file named "${name}"` });
  }
  return cleaned;
}

// What the browser needs to show the original inline. File pickers often give no type (or Excel's
// for CSV); the stored Content-Type is what the presigned GET answers with.
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
};

export function storedContentType(fileName: string, given: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byName = TYPES_BY_EXTENSION[extension];
  if (byName) return byName;
  return given.trim() === '' ? 'application/octet-stream' : given;
}

/**
 * How the presigned GET presents the original: PDFs as PDF, text of any kind as viewable text;
 * undefined (the type it was stored with) when the name does not tell.
 */
export function viewContentType(fileName: string, encoding?: string): string | undefined {
  const stored = storedContentType(fileName, '');
  if (stored === 'application/octet-stream') return undefined;
  if (!stored.startsWith('text/')) return stored;
  return encoding && /^[\w-]+$/.test(encoding) ? `text/plain; charset=${encoding}` : 'text/plain';
}

// encodeURIComponent leaves ' ( ) * as they are, which RFC 5987 values may not contain.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The client as lib-storage sees it, with `signal` on every request that carries file bytes
 * (PutObject for a small file, UploadPart). Create/Complete/AbortMultipartUpload go out
 * unsignalled, so a cancelled upload can still be aborted on the server.
 */
function cancellable(client: S3Client, signal: AbortSignal): S3Client {
  const send = ((command: object, options?: object) => {
    const carriesBytes = command instanceof UploadPartCommand || command instanceof PutObjectCommand;
    return (client.send as (c: object, o?: object) => Promise<unknown>)(command, carriesBytes ? { ...options, abortSignal: signal } : options);
  }) as S3Client['send'];
  return new Proxy(client, { get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)) });
}

function checkDocumentId(id: string): string {
  if (id === '' || /[/\\#]/.test(id)) throw new AppError('validation', { message: `invalid document id "${id}"` });
  return id;
}

export class S3DocumentStore implements DocumentStore {
  constructor(private readonly clients: DocumentStoreClients) {}

  private folder(documentId: string): string {
    return `private/${this.clients.identityId}/documents/${checkDocumentId(documentId)}/`;
  }

  private get bucket(): string {
    return this.clients.config.bucket;
  }

  async uploadOriginal(
    input: { documentId: string; fileName: string; contentType: string; body: Blob | Uint8Array },
    options: { signal: AbortSignal; onProgress?: (progress: UploadProgress) => void },
  ): Promise<{ key: string }> {
    const fileName = safeFileName(input.fileName);
    const key = this.folder(input.documentId) + fileName;
    const { signal, onProgress } = options;
    const client = await this.clients.s3();
    // Checked after the await: Stop may come while the client is still loading.
    if (signal.aborted) throw new AppError('aborted');
    const totalBytes = input.body instanceof Blob ? input.body.size : input.body.byteLength;
    // Cancelling is done by failing the byte-carrying requests rather than by Upload.abort(): that
    // one rejects at once and sends AbortMultipartUpload later, unawaited, while the parts already
    // in flight run to their end. This way the requests stop, lib-storage aborts the multipart
    // upload (leavePartsOnError: false), and only then does done() reject.
    const upload = new Upload({
      client: cancellable(client, signal),
      params: { Bucket: this.bucket, Key: key, Body: input.body, ContentType: storedContentType(fileName, input.contentType) },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (progress) => {
      onProgress?.({ loadedBytes: progress.loaded ?? 0, totalBytes: progress.total ?? totalBytes });
    });
    let failure: unknown;
    try {
      await upload.done();
      if (!signal.aborted) return { key };
    } catch (e) {
      if (!signal.aborted) throw toAppError(e, 'storage');
      failure = e;
    }
    // Cancelled: a PutObject or CompleteMultipartUpload may have landed just before the signal.
    // `aborted` promises the caller that nothing of the file is left in the bucket.
    const remove = () => client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    try {
      await remove();
    } catch (e) {
      throw toAppError(e, 'storage');
    }
    // A PutObject whose body had all been sent when it was cancelled is still stored by the server,
    // possibly after the delete above; a second delete a moment later catches it.
    setTimeout(() => void remove().catch(() => undefined), LATE_DELETE_MS);
    throw new AppError('aborted', { cause: failure });
  }

  async putText(documentId: string, text: string): Promise<{ key: string }> {
    const key = this.folder(documentId) + TEXT_FILE_NAME;
    try {
      await (await this.clients.s3()).send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: text, ContentType: 'text/plain; charset=utf-8' }),
      );
      return { key };
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  async getText(documentId: string): Promise<string> {
    const key = this.folder(documentId) + TEXT_FILE_NAME;
    try {
      const output = await (await this.clients.s3()).send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!output.Body) throw new AppError('invalid-response', { message: `${key} has no body` });
      return await output.Body.transformToString('utf-8');
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  /**
   * A link that opens the original in the browser, named after it (Korean names included,
   * RFC 5987). Text files are served as text/plain, which browsers show rather than download
   * (text/csv is downloaded), with the charset they were read in when the caller knows it.
   */
  async downloadUrl(documentId: string, fileName: string, options: { encoding?: string } = {}): Promise<string> {
    const name = safeFileName(fileName);
    const viewAs = viewContentType(name, options.encoding);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.folder(documentId) + name,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeRfc5987(name)}`,
      ...(viewAs ? { ResponseContentType: viewAs } : {}),
    });
    try {
      return await getSignedUrl(await this.clients.s3(), command, { expiresIn: LINK_SECONDS });
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }

  /** Deletes whatever is in the document's folder; the original's name need not be known. */
  async remove(documentId: string): Promise<void> {
    const prefix = this.folder(documentId);
    try {
      const client: S3Client = await this.clients.s3();
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
        );
        // A document folder holds two objects; single deletes avoid DeleteObjects' required checksum header.
        await Promise.all(
          (page.Contents ?? []).flatMap((object) =>
            object.Key ? [client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }))] : [],
          ),
        );
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      throw toAppError(e, 'storage');
    }
  }
}
