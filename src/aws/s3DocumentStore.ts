// DocumentStore over S3: `private/<identityId>/documents/<docId>/<file name>` for the original and
// a fixed name beside it for the extracted text. The deployed role only allows keys under the
// caller's own `private/<identityId>/`, so every key is built here from the identity id.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
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
    const key = this.folder(input.documentId) + safeFileName(input.fileName);
    const { signal, onProgress } = options;
    const client = await this.clients.s3();
    // Checked after the await: Stop may come while the client is still loading.
    if (signal.aborted) throw new AppError('aborted');
    const totalBytes = input.body instanceof Blob ? input.body.size : input.body.byteLength;
    const upload = new Upload({
      client,
      params: { Bucket: this.bucket, Key: key, Body: input.body, ContentType: input.contentType },
      partSize: PART_BYTES,
      queueSize: 2,
      // An abandoned multipart upload would keep billing for its parts.
      leavePartsOnError: false,
    });
    upload.on('httpUploadProgress', (progress) => {
      onProgress?.({ loadedBytes: progress.loaded ?? 0, totalBytes: progress.total ?? totalBytes });
    });
    const onAbort = () => void upload.abort().catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await upload.done();
      return { key };
    } catch (e) {
      throw signal.aborted ? new AppError('aborted', { cause: e }) : toAppError(e, 'storage');
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
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

  /** Names the download after the original (Korean names included, RFC 5987) and opens it in the browser. */
  async downloadUrl(documentId: string, fileName: string): Promise<string> {
    const name = safeFileName(fileName);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.folder(documentId) + name,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
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
