// The multipart calls the local S3 serves itself (s3rver lacks them): real SDK clients, admin key.
import { randomUUID } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { adminClients } from '../aws/support.ts';

let admin: AwsClients;
beforeAll(async () => {
  admin = await adminClients('admin');
});
afterAll(() => admin?.destroy());

const part = (fill: number) => new Uint8Array(5 * 1024 * 1024).fill(fill);

describe('local S3 multipart uploads', () => {
  it('lists an unfinished upload and its parts, then aborts it so nothing is left', async () => {
    const s3 = await admin.s3();
    const Bucket = admin.config.bucket;
    const Key = `test/${randomUUID()}/보고서 1.pdf`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/pdf' }));
    const first = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: part(1) }));
    expect(first.ETag).toMatch(/^"[0-9a-f]{32}"$/);

    const parts = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(parts.Parts?.map((p) => ({ n: p.PartNumber, etag: p.ETag, size: p.Size }))).toEqual([{ n: 1, etag: first.ETag, size: 5 * 1024 * 1024 }]);
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: Key }));
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([[Key, UploadId]]);

    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: Key }))).Uploads ?? []).toEqual([]);
    // As on AWS, an aborted upload takes no more parts and cannot be completed.
    await expect(s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: part(2) }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(
      s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag! }] } })),
    ).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });

  it('assembles parts written by the local handler into the object, with the type given at the start', async () => {
    const s3 = await admin.s3();
    const Bucket = admin.config.bucket;
    const Key = `test/${randomUUID()}/data.bin`;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/pdf' }));
    const etags = [];
    for (const [i, body] of [part(7), new Uint8Array([1, 2, 3])].entries()) {
      etags.push((await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body: body }))).ETag!);
    }
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) } }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(object.ContentType).toBe('application/pdf');
    const bytes = await object.Body!.transformToByteArray();
    expect(bytes.length).toBe(5 * 1024 * 1024 + 3);
    expect([bytes[0], bytes[5 * 1024 * 1024 - 1], ...bytes.slice(-3)]).toEqual([7, 7, 1, 2, 3]);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: Key }))).Uploads ?? []).toEqual([]);
  });
});
