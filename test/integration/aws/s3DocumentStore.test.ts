import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3DocumentStore } from '../../../src/aws/s3DocumentStore.ts';
import type { UploadProgress } from '../../../src/domain/ports.ts';
import { signedInUser, type SignedInUser } from './support.ts';

let user: SignedInUser;
let other: SignedInUser;
beforeAll(async () => {
  const suffix = randomUUID().slice(0, 8);
  [user, other] = await Promise.all([signedInUser(`s3-a-${suffix}`), signedInUser(`s3-b-${suffix}`)]);
});
afterAll(() => [user, other].forEach((u) => u?.clients.destroy()));

const never = () => new AbortController().signal;

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

  it('uploads a Blob larger than one part', async () => {
    const store = new S3DocumentStore(user.clients);
    const blob = new Blob([new Uint8Array(6 * 1024 * 1024).fill(65)], { type: 'application/pdf' });
    const progress: UploadProgress[] = [];
    await store.uploadOriginal(
      { documentId: 'big', fileName: 'big.pdf', contentType: 'application/pdf', body: blob },
      { signal: never(), onProgress: (p) => progress.push(p) },
    );
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]?.loadedBytes).toBe(blob.size);
    await store.remove('big');
  });

  it('stops a multipart upload in the middle and leaves no object behind', async () => {
    const store = new S3DocumentStore(user.clients);
    const controller = new AbortController();
    const progress: UploadProgress[] = [];
    const upload = store.uploadOriginal(
      { documentId: 'midway', fileName: 'big.bin', contentType: 'application/octet-stream', body: new Uint8Array(16 * 1024 * 1024) },
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
    expect(progress[0]!.loadedBytes).toBeLessThan(16 * 1024 * 1024);
    expect((await fetch(await store.downloadUrl('midway', 'big.bin'))).status).toBe(404);
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

  it("cannot read another user's documents", async () => {
    await new S3DocumentStore(other.clients).putText('secret', '비밀');
    const intruder = new S3DocumentStore({ ...user.clients, identityId: other.identityId });
    await expect(intruder.getText('secret')).rejects.toMatchObject({ code: 'access-denied' });
  });
});
