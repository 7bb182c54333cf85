// A document's whole life through the domain's use cases and the real adapters, as two signed-in
// users with their own identity-pool credentials and id tokens: ingest (multipart upload, text,
// record, index), read back, retrieve, isolation from the other user, cancel, delete everywhere.
// The parser is a stand-in (parsing is not AWS and has its own tests); everything else is real.
import { randomUUID } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { DynamoDocumentRepository } from '../../../src/aws/dynamoDocumentRepository.ts';
import { KendraDocumentIndex } from '../../../src/aws/kendraDocumentIndex.ts';
import { KendraRetriever } from '../../../src/aws/kendraRetriever.ts';
import { S3DocumentStore } from '../../../src/aws/s3DocumentStore.ts';
import { ingestDocument, removeDocument, type IngestStage } from '../../../src/domain/documents/ingest.ts';
import { locatePassage, pageAt } from '../../../src/domain/documents/rag.ts';
import type { DocumentParser } from '../../../src/domain/ports.ts';
import type { ParsedDocument } from '../../../src/domain/types.ts';
import { addFault, clearFaults, stackUrl } from '../support/stack.ts';
import { adminClients, signedInUser, type SignedInUser } from './support.ts';

let alice: SignedInUser;
let bob: SignedInUser;
let admin: AwsClients;
beforeAll(async () => {
  const suffix = randomUUID().slice(0, 8);
  [alice, bob] = await Promise.all([signedInUser(`life-a-${suffix}`), signedInUser(`life-b-${suffix}`)]);
  admin = await adminClients('admin');
});
afterAll(() => [alice?.clients, bob?.clients, admin].forEach((c) => c?.destroy()));
afterEach(clearFaults);

const PAGES = [
  '서연 연구소 연간 보고서. 올해 연구소는 세 개의 과제를 마쳤다.\n\n',
  '두 번째 과제는 한국어 문서 검색이다. 검색 정확도는 작년보다 12퍼센트 올랐다.\n\n',
  '내년에는 음성 인식 과제를 시작한다. 예산은 4억 원이다.',
];
const TEXT = PAGES.join('');
const PAGE_STARTS = PAGES.map((_, i) => PAGES.slice(0, i).join('').length);

/** Stands in for the PDF parser: the file is not read, its "extracted" text is given. */
const parser: DocumentParser = {
  async parse(): Promise<ParsedDocument> {
    return { type: 'pdf', text: TEXT, language: 'ko', pages: PAGES.length, pageStarts: PAGE_STARTS };
  },
};

function pdfBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  for (let i = 16; i < size; i += 997) bytes[i] = i % 256;
  return bytes;
}

const ports = (user: SignedInUser) => ({
  store: new S3DocumentStore(user.clients),
  repository: new DynamoDocumentRepository(user.clients),
  index: new KendraDocumentIndex(user.clients, user.username),
});
const retrieverFor = (user: SignedInUser) => new KendraRetriever(user.clients, async () => user.idToken);
const never = () => new AbortController().signal;
const QUESTION = '한국어 문서 검색 정확도는 얼마나 올랐나요?';

/** Everything of a document that exists anywhere, seen with the admin key and the local index listing. */
async function traces(owner: SignedInUser, id: string): Promise<{ objects: number; uploads: number; indexed: boolean; record: boolean }> {
  const s3 = await admin.s3();
  const Bucket = admin.config.bucket;
  const Prefix = `private/${owner.identityId}/documents/${id}/`;
  const [objects, uploads, kendra, record] = await Promise.all([
    s3.send(new ListObjectsV2Command({ Bucket, Prefix })),
    s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix })),
    fetch(`${stackUrl()}/_local/kendra/documents`).then((r) => r.json() as Promise<{ documents: Array<{ id: string }> }>),
    new DynamoDocumentRepository(owner.clients).getDocument(id),
  ]);
  return {
    objects: objects.Contents?.length ?? 0,
    uploads: uploads.Uploads?.length ?? 0,
    indexed: kendra.documents.some((d) => d.id === `${owner.identityId}/${id}`),
    record: record !== undefined,
  };
}

describe('a document from upload to deletion', () => {
  const original = pdfBytes(7 * 1024 * 1024);

  it('is uploaded in parts, stored with its text and record, indexed, answered from, kept from others, and deleted everywhere', async () => {
    const stages: Array<{ stage: IngestStage; done?: number; total?: number }> = [];
    const states: Array<string | undefined> = [];
    // Kendra reports the first status look as still processing: the record goes pending → indexed.
    await addFault({ kind: 'processing', service: 'kendra', count: 1 });
    const record = await ingestDocument({
      file: new Blob([original], { type: 'application/pdf' }),
      fileName: '연간 보고서.pdf',
      contentType: 'application/pdf',
      maxBytes: 50 * 1024 * 1024,
      parser,
      ...ports(alice),
      id: 'report',
      signal: never(),
      onStage: (s) => stages.push(s),
      onRecord: (r) => states.push(r.indexState),
    });
    expect(states).toEqual(['pending', 'indexed']);
    expect(record).toMatchObject({ id: 'report', status: 'ready', indexState: 'indexed', pages: 3, pageStarts: PAGE_STARTS, language: 'ko' });
    const uploading = stages.filter((s) => s.stage === 'uploading');
    expect(uploading.length).toBeGreaterThan(2);
    expect(uploading[uploading.length - 1]).toEqual({ stage: 'uploading', done: original.length, total: original.length });
    expect(await traces(alice, 'report')).toEqual({ objects: 2, uploads: 0, indexed: true, record: true });

    // Read back: the record as saved, the text beside the original, the original through its link.
    const { store, repository } = ports(alice);
    expect(await repository.getDocument('report')).toStrictEqual(record);
    expect(await store.getText('report')).toBe(TEXT);
    const link = await fetch(await store.downloadUrl('report', '연간 보고서.pdf'));
    expect(link.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await link.arrayBuffer()).equals(original)).toBe(true);

    // Answered from: a Korean question finds the sentence, on its page.
    const passages = await retrieverFor(alice).retrieve({ text: QUESTION, language: 'ko' }, never());
    expect(passages[0]).toMatchObject({ documentId: 'report', title: '연간 보고서.pdf', uri: record.s3Key });
    expect(passages[0]?.text).toContain('검색 정확도는 작년보다 12퍼센트 올랐다.');
    const at = locatePassage(TEXT, passages[0]!.text);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(pageAt(PAGE_STARTS, at + passages[0]!.text.indexOf('검색 정확도'))).toBe(2);

    // Kept from Bob: his token finds nothing of it; his credentials reach neither the files nor the record.
    expect((await retrieverFor(bob).retrieve({ text: QUESTION, language: 'ko' }, never())).map((p) => p.documentId)).not.toContain('report');
    const aimed = { ...bob.clients, identityId: alice.identityId };
    await expect(new S3DocumentStore(aimed).getText('report')).rejects.toMatchObject({ code: 'access-denied' });
    expect((await fetch(await new S3DocumentStore(aimed).downloadUrl('report', '연간 보고서.pdf'))).status).toBe(403);
    await expect(new DynamoDocumentRepository(aimed).getDocument('report')).rejects.toMatchObject({ code: 'access-denied' });
    await expect(new DynamoDocumentRepository(aimed).listDocuments()).rejects.toMatchObject({ code: 'access-denied' });

    // Deleted everywhere.
    await removeDocument({ id: 'report', ...ports(alice) });
    expect(await traces(alice, 'report')).toEqual({ objects: 0, uploads: 0, indexed: false, record: false });
    expect(await ports(alice).index.status('report')).toEqual({ state: 'pending' }); // NOT_FOUND
    expect((await retrieverFor(alice).retrieve({ text: QUESTION, language: 'ko' }, never())).map((p) => p.documentId)).not.toContain('report');
    expect((await repository.listDocuments()).map((d) => d.id)).not.toContain('report');
  });

  it('leaves nothing anywhere when cancelled in the middle of the upload', async () => {
    const controller = new AbortController();
    const ingest = ingestDocument({
      file: new Blob([pdfBytes(21 * 1024 * 1024)], { type: 'application/pdf' }),
      fileName: 'big.pdf',
      contentType: 'application/pdf',
      maxBytes: 50 * 1024 * 1024,
      parser,
      ...ports(alice),
      id: 'cancelled',
      signal: controller.signal,
      onStage: (s) => {
        if (s.stage === 'uploading' && (s.done ?? 0) > 0) controller.abort();
      },
    });
    await expect(ingest).rejects.toMatchObject({ code: 'aborted' });
    expect(await traces(alice, 'cancelled')).toEqual({ objects: 0, uploads: 0, indexed: false, record: false });
  });

  it('refuses a file over the limit before anything is sent', async () => {
    const ingest = ingestDocument({
      file: new Blob([pdfBytes(2 * 1024 * 1024)]),
      fileName: 'too-big.pdf',
      contentType: 'application/pdf',
      maxBytes: 1024 * 1024,
      parser,
      ...ports(alice),
      id: 'too-big',
      signal: never(),
    });
    await expect(ingest).rejects.toMatchObject({ code: 'upload-too-large' });
    expect(await traces(alice, 'too-big')).toEqual({ objects: 0, uploads: 0, indexed: false, record: false });
  });
});
