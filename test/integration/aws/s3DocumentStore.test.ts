import { randomUUID } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { S3DocumentStore } from '../../../src/aws/s3DocumentStore.ts';
import type { UploadProgress } from '../../../src/domain/ports.ts';
import { adminClients, signedInUser, type SignedInUser } from './support.ts';

let user: SignedInUser;
let other: SignedInUser;
let admin: AwsClients;
beforeAll(async () => {
  const suffix = randomUUID().slice(0, 8);
  [user, other] = await Promise.all([signedInUser(`s3-a-${suffix}`), signedInUser(`s3-b-${suffix}`)]);
  admin = await adminClients('admin');
});
afterAll(() => [user?.clients, other?.clients, admin].forEach((c) => c?.destroy()));

const never = () => new AbortController().signal;

/** What is in the bucket under a document's folder, seen with the admin key: objects and unfinished multipart uploads. */
async function leftovers(owner: SignedInUser, documentId: string): Promise<{ objects: string[]; uploads: string[] }> {
  const s3 = await admin.s3();
  const Prefix = `private/${owner.identityId}/documents/${documentId}/`;
  const Bucket = admin.config.bucket;
  const [objects, uploads] = await Promise.all([
    s3.send(new ListObjectsV2Command({ Bucket, Prefix })),
    s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix })),
  ]);
  return { objects: (objects.Contents ?? []).map((o) => o.Key!), uploads: (uploads.Uploads ?? []).map((u) => u.Key!) };
}

describe('S3DocumentStore with a user\'s own credentials', () => {
  it('uploads with progress, stores the text beside it, links to the original and removes both', async () => {
    const store = new S3DocumentStore(user.clients);
    const body = new TextEncoder().encode('서연의 사무실은 판교에 있다.\n'.repeat(2000));
    const progress: UploadProgress[] = [];
    const { key } = await store.uploadOriginal(
      { documentId: 'd1', fileName: '회사 소개.txt', contentType: 'text/plain', body },
      { signal: never(), onProgress: (p) => progress.push(p) },
    );
    expect(key).toBe(`private/${user.identityId}/documents/d1/회사 소개.txt`);
    expect(progress[progress.length - 1]).toEqual({ loadedBytes: body.byteLength, totalBytes: body.byteLength });

    const text = await store.putText('d1', '서연의 사무실은 판교에 있다.');
    expect(text.key).toBe(`private/${user.identityId}/documents/d1/.extracted.txt`);
    expect(await store.getText('d1')).toBe('서연의 사무실은 판교에 있다.');

    const link = await store.downloadUrl('d1', '회사 소개.txt');
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(body);

    await store.remove('d1');
    await expect(store.getText('d1')).rejects.toMatchObject({ code: 'not-found' });
    expect((await fetch(link)).status).toBe(404);
  });

  it('uploads a file larger than one part in parts, with progress, and the link opens it as a PDF', async () => {
    const store = new S3DocumentStore(user.clients);
    const bytes = new Uint8Array(11 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    // A file picker that gives no type: the stored type comes from the name.
    const blob = new Blob([bytes]);
    const progress: UploadProgress[] = [];
    await store.uploadOriginal(
      { documentId: 'big', fileName: '연간 보고서 (최종).pdf', contentType: '', body: blob },
      { signal: never(), onProgress: (p) => progress.push(p) },
    );
    // Three parts of at most 5 MB each: progress steps up to the whole size.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((p) => p.totalBytes === blob.size)).toBe(true);
    expect(progress.map((p) => p.loadedBytes)).toEqual([...progress.map((p) => p.loadedBytes)].sort((a, b) => a - b));
    expect(progress[progress.length - 1]?.loadedBytes).toBe(blob.size);
    expect(await leftovers(user, 'big')).toEqual({ objects: [`private/${user.identityId}/documents/big/연간 보고서 (최종).pdf`], uploads: [] });

    const response = await fetch(await store.downloadUrl('big', '연간 보고서 (최종).pdf'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('연간 보고서 ')}%28${encodeURIComponent('최종')}%29.pdf`,
    );
    // Compared as bytes: a deep equality of 11 million elements takes minutes.
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    await store.remove('big');
    expect(await leftovers(user, 'big')).toEqual({ objects: [], uploads: [] });
  });

  it('opens text originals as text in the charset they were read in', async () => {
    const store = new S3DocumentStore(user.clients);
    const csv = new Uint8Array([0xc0, 0xcc, 0xb8, 0xa7, 0x2c, 0x31, 0x0a]); // "이름,1" in CP949
    await store.uploadOriginal(
      { documentId: 'table', fileName: '명단.csv', contentType: 'application/vnd.ms-excel', body: csv },
      { signal: never() },
    );
    const response = await fetch(await store.downloadUrl('table', '명단.csv', { encoding: 'euc-kr' }));
    expect(response.headers.get('content-type')).toBe('text/plain; charset=euc-kr');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(csv);
    expect((await fetch(await store.downloadUrl('table', '명단.csv'))).headers.get('content-type')).toBe('text/plain');
    await store.remove('table');
  });

  it('stops a multipart upload in the middle: the parts in flight stop and no object or unfinished upload is left', async () => {
    const store = new S3DocumentStore(user.clients);
    const total = 26 * 1024 * 1024;
    const controller = new AbortController();
    const progress: UploadProgress[] = [];
    const started = Date.now();
    const upload = store.uploadOriginal(
      { documentId: 'midway', fileName: 'big.bin', contentType: 'application/octet-stream', body: new Uint8Array(total) },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          controller.abort();
        },
      },
    );
    await expect(upload).rejects.toMatchObject({ code: 'aborted' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]!.loadedBytes).toBeLessThan(total);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Checked at once, not eventually: the multipart upload was aborted before the promise settled.
    expect(await leftovers(user, 'midway')).toEqual({ objects: [], uploads: [] });
  });

  it('stops a single-request upload and leaves nothing', async () => {
    const store = new S3DocumentStore(user.clients);
    const controller = new AbortController();
    const upload = store.uploadOriginal(
      { documentId: 'small', fileName: 'small.txt', contentType: 'text/plain', body: new Uint8Array(3 * 1024 * 1024) },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 5);
    await expect(upload).rejects.toMatchObject({ code: 'aborted' });
    // A body that was all sent may still be stored after the cancel; the store deletes it again.
    await expect.poll(() => leftovers(user, 'small'), { timeout: 5_000, interval: 250 }).toEqual({ objects: [], uploads: [] });
  });

  it('stops an upload when the signal fires before it starts', async () => {
    const store = new S3DocumentStore(user.clients);
    const controller = new AbortController();
    const upload = store.uploadOriginal(
      { documentId: 'cancelled', fileName: 'big.bin', contentType: 'application/octet-stream', body: new Uint8Array(12 * 1024 * 1024) },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(upload).rejects.toMatchObject({ code: 'aborted' });
  });

  it('refuses a file name that would overwrite the extracted text or leave the folder', async () => {
    const store = new S3DocumentStore(user.clients);
    const upload = (fileName: string) =>
      store.uploadOriginal({ documentId: 'd', fileName, contentType: 'text/plain', body: new Uint8Array(1) }, { signal: never() });
    await expect(upload('.extracted.txt')).rejects.toMatchObject({ code: 'unsupported-file' });
    expect((await upload('../../escape.txt')).key).toBe(`private/${user.identityId}/documents/d/.._.._escape.txt`);
    await store.remove('d');
  });

  it("cannot read, link, list or delete another user's documents", async () => {
    const owner = new S3DocumentStore(other.clients);
    await owner.uploadOriginal({ documentId: 'secret', fileName: '비밀.txt', contentType: 'text/plain', body: new TextEncoder().encode('금고 번호는 7이다.') }, { signal: never() });
    await owner.putText('secret', '금고 번호는 7이다.');
    // The user's own credentials, aimed at the other user's folder.
    const intruder = new S3DocumentStore({ ...user.clients, identityId: other.identityId });
    await expect(intruder.getText('secret')).rejects.toMatchObject({ code: 'access-denied' });
    expect((await fetch(await intruder.downloadUrl('secret', '비밀.txt'))).status).toBe(403);
    await expect(intruder.remove('secret')).rejects.toMatchObject({ code: 'access-denied' });
    await expect(
      intruder.uploadOriginal({ documentId: 'secret', fileName: '비밀.txt', contentType: 'text/plain', body: new Uint8Array(1) }, { signal: never() }),
    ).rejects.toMatchObject({ code: 'access-denied' });
    expect(await owner.getText('secret')).toBe('금고 번호는 7이다.');
    await owner.remove('secret');
  });
});
