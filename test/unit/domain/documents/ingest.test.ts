import { describe, expect, it } from 'vitest';
import { ingestDocument, removeDocument, waitForIndex, type IngestInput } from '../../../../src/domain/documents/ingest.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { ParsedDocument } from '../../../../src/domain/types.ts';
import { FakeClock, fakeSleep } from '../support/fakes.ts';
import { FakeIndex, FakeParser, MemoryDocumentRepository, MemoryDocumentStore, type Calls } from './fakes.ts';

const PDF: ParsedDocument = {
  type: 'pdf',
  text: '첫 쪽 내용.\n\n둘째 쪽 내용.',
  language: 'ko',
  pages: 2,
  pageStarts: [0, 9],
};

function setup(options: { index?: boolean; parsed?: ParsedDocument; statuses?: FakeIndex['statuses'] } = {}) {
  const calls: Calls = [];
  const clock = new FakeClock();
  const delays: number[] = [];
  const stages: string[] = [];
  const records: string[] = [];
  const controller = new AbortController();
  const parser = new FakeParser(calls, options.parsed ?? PDF, [
    { done: 1, total: 2, unit: 'pages' },
    { done: 2, total: 2, unit: 'pages' },
  ]);
  const store = new MemoryDocumentStore(calls, [
    { loadedBytes: 5, totalBytes: 10 },
    { loadedBytes: 10, totalBytes: 10 },
  ]);
  const repository = new MemoryDocumentRepository(calls);
  const index = new FakeIndex(calls, options.statuses ?? [{ state: 'pending' }, { state: 'pending' }, { state: 'indexed' }]);
  const input: IngestInput = {
    file: new Blob(['%PDF-1.7 0123']),
    fileName: '규정.pdf',
    contentType: 'application/pdf',
    maxBytes: 1024,
    id: 'd1',
    parser,
    store,
    repository,
    ...(options.index === false ? {} : { index }),
    clock,
    sleep: fakeSleep(clock, delays),
    signal: controller.signal,
    onStage: (s) => stages.push(`${s.stage}${s.done === undefined ? '' : ` ${s.done}/${s.total}`}`),
    onRecord: (r) => records.push(`${r.status}/${r.indexState}`),
  };
  return { calls, clock, delays, stages, records, controller, parser, store, repository, index, input };
}

describe('ingestDocument', () => {
  it('parses, uploads, stores the text, saves the record, indexes and waits for Kendra, in that order', async () => {
    const t = setup();
    const record = await ingestDocument(t.input);

    expect(t.calls).toEqual(['parse:규정.pdf', 'upload:d1', 'putText:d1', 'save:indexing/pending', 'index:d1', 'status:d1', 'status:d1', 'status:d1', 'save:ready/indexed']);
    expect(t.stages).toEqual(['parsing', 'parsing 1/2', 'parsing 2/2', 'uploading 0/13', 'uploading 5/10', 'uploading 10/10', 'indexing']);
    expect(t.records).toEqual(['indexing/pending', 'ready/indexed']);
    expect(t.delays).toEqual([1000, 2000]);
    expect(record).toEqual({
      id: 'd1',
      fileName: '규정.pdf',
      type: 'pdf',
      size: 13,
      contentType: 'application/pdf',
      s3Key: 'private/me/documents/d1/규정.pdf',
      textKey: 'private/me/documents/d1/text.txt',
      textLength: PDF.text.length,
      pages: 2,
      pageStarts: [0, 9],
      language: 'ko',
      status: 'ready',
      indexState: 'indexed',
      createdAt: '2026-11-21T09:00:00.000Z',
      updatedAt: '2026-11-21T09:00:03.000Z',
    });
    expect(t.repository.records.get('d1')).toEqual(record);
    expect(t.store.texts.get('d1')).toBe(PDF.text);
    expect(t.index.documents.get('d1')).toEqual({
      documentId: 'd1',
      title: '규정.pdf',
      text: PDF.text,
      language: 'ko',
      sourceUri: 'private/me/documents/d1/규정.pdf',
    });
  });

  it('keeps the CSV profile and encoding on the record', async () => {
    const t = setup({
      index: false,
      parsed: { type: 'csv', text: 'Columns: 이름 | 도시\n이름: 김 | 도시: 부산', language: 'ko', rows: 1, columns: ['이름', '도시'], encoding: 'euc-kr' },
    });
    const record = await ingestDocument({ ...t.input, fileName: '명단.csv', contentType: 'text/csv' });
    expect(record).toMatchObject({ type: 'csv', rows: 1, columns: ['이름', '도시'], encoding: 'euc-kr', status: 'ready', indexState: 'none' });
    expect(record.pages).toBeUndefined();
    expect(t.calls).toEqual(['parse:명단.csv', 'upload:d1', 'putText:d1', 'save:ready/none']);
  });

  it('refuses a file over the limit before reading or sending anything, with the limit in the message', async () => {
    const t = setup();
    const big = new Blob([new Uint8Array(3 * 1024 * 1024)]);
    const refusal = ingestDocument({ ...t.input, file: big, maxBytes: 2 * 1024 * 1024 });
    await expect(refusal).rejects.toMatchObject({ code: 'upload-too-large' });
    await expect(refusal).rejects.toThrow(/3 MB; the limit is 2 MB/);
    expect(t.calls).toEqual([]);
  });

  it('never uploads a file the parser refuses', async () => {
    const t = setup();
    t.parser.result = () => Promise.reject(new AppError('file-encrypted'));
    await expect(ingestDocument({ ...t.input, password: 'pw' })).rejects.toMatchObject({ code: 'file-encrypted' });
    expect(t.calls).toEqual(['parse:규정.pdf']);
    expect(t.parser.passwords).toEqual(['pw']);
  });

  it.each([
    ['the upload fails', (t: ReturnType<typeof setup>) => (t.store.failUpload = () => Object.assign(new Error('denied'), { name: 'AccessDenied' })), 'access-denied', ['store.remove:d1']],
    ['storing the text fails', (t: ReturnType<typeof setup>) => (t.store.failPutText = new AppError('service-unavailable')), 'service-unavailable', ['store.remove:d1']],
    ['saving the record fails', (t: ReturnType<typeof setup>) => (t.repository.failSave = new AppError('session-expired')), 'session-expired', ['store.remove:d1', 'repository.delete:d1']],
  ])('removes what was stored when %s', async (_name, arrange, code, cleanup) => {
    const t = setup();
    arrange(t);
    await expect(ingestDocument(t.input)).rejects.toMatchObject({ code });
    const start = t.calls.findIndex((c) => c.startsWith('store.remove'));
    expect(t.calls.slice(start)).toEqual(cleanup);
    expect(t.store.originals.size + t.store.texts.size).toBe(0);
    expect(t.repository.records.size).toBe(0);
    expect(t.records).toEqual([]);
  });

  it('still rejects with the original error when the cleanup fails too', async () => {
    const t = setup();
    t.store.failPutText = new AppError('throttled');
    t.store.failRemove = new AppError('offline');
    await expect(ingestDocument(t.input)).rejects.toMatchObject({ code: 'throttled' });
  });

  describe('cancel', () => {
    it('while parsing: nothing is uploaded', async () => {
      const t = setup();
      t.parser.result = async () => {
        t.controller.abort();
        throw new AppError('aborted');
      };
      await expect(ingestDocument(t.input)).rejects.toMatchObject({ code: 'aborted' });
      expect(t.calls).toEqual(['parse:규정.pdf']);
    });

    it('while uploading: the partial upload is removed', async () => {
      const t = setup();
      t.store.failUpload = () => {
        t.controller.abort();
        return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
      };
      await expect(ingestDocument(t.input)).rejects.toMatchObject({ code: 'aborted' });
      expect(t.calls).toEqual(['parse:규정.pdf', 'upload:d1', 'store.remove:d1']);
    });

    it('while waiting for the index: S3, Kendra and the record are all removed', async () => {
      const t = setup({ statuses: [{ state: 'pending' }] });
      const abortOnSecondLook = new FakeIndex(t.calls, [{ state: 'pending' }], () => {
        if (t.calls.filter((c) => c.startsWith('status')).length === 2) t.controller.abort();
      });
      await expect(ingestDocument({ ...t.input, index: abortOnSecondLook })).rejects.toMatchObject({ code: 'aborted' });
      expect(t.calls.slice(-3).sort()).toEqual(['index.remove:d1', 'repository.delete:d1', 'store.remove:d1']);
      expect(t.repository.records.size).toBe(0);
      expect(t.calls.filter((c) => c.startsWith('status'))).toHaveLength(2);
    });

    it('before starting: nothing happens', async () => {
      const t = setup();
      t.controller.abort();
      await expect(ingestDocument(t.input)).rejects.toMatchObject({ code: 'aborted' });
      expect(t.calls).toEqual([]);
    });
  });

  describe('index states', () => {
    it('no index in the deployment (kendra-unavailable) → none, and the document is ready', async () => {
      const t = setup();
      t.index.failIndex = [new AppError('kendra-unavailable')];
      const record = await ingestDocument(t.input);
      expect(record).toMatchObject({ status: 'ready', indexState: 'none' });
      expect(t.calls.filter((c) => c.startsWith('status'))).toEqual([]);
    });

    it('Kendra reports a failure → failed with its reason; the document stays', async () => {
      const t = setup({ statuses: [{ state: 'pending' }, { state: 'failed', reason: 'Document too large' }] });
      const record = await ingestDocument(t.input);
      expect(record).toMatchObject({ status: 'ready', indexState: 'failed', indexError: 'Document too large' });
      expect(t.repository.records.get('d1')).toEqual(record);
      expect(t.store.originals.has('d1')).toBe(true);
    });

    it('BatchPut refused → failed with the message, without polling', async () => {
      const t = setup();
      t.index.failIndex = [new AppError('validation', { message: 'Kendra refused document me/d1: bad' })];
      const record = await ingestDocument(t.input);
      expect(record).toMatchObject({ status: 'ready', indexState: 'failed', indexError: 'Kendra refused document me/d1: bad' });
      expect(t.calls.filter((c) => c.startsWith('status'))).toEqual([]);
    });

    it('BatchPut throttled is retried with backoff', async () => {
      const t = setup({ statuses: [{ state: 'indexed' }] });
      t.index.failIndex = [new AppError('throttled'), new AppError('throttled')];
      const record = await ingestDocument(t.input);
      expect(record.indexState).toBe('indexed');
      expect(t.calls.filter((c) => c === 'index:d1')).toHaveLength(3);
      expect(t.delays).toEqual([1000, 2000]);
    });

    it('still pending after about a minute → saved as pending', async () => {
      const t = setup({ statuses: [{ state: 'pending' }] });
      const record = await ingestDocument(t.input);
      expect(record).toMatchObject({ status: 'ready', indexState: 'pending' });
      expect(t.delays.reduce((a, b) => a + b, 0)).toBe(60_000);
      expect(Math.max(...t.delays)).toBe(8_000);
    });
  });
});

describe('waitForIndex', () => {
  const clock = () => new FakeClock();
  it.each([
    ['a passing error, then indexed', [{ throws: new AppError('throttled') }, { state: 'indexed' as const }], { state: 'indexed' }],
    ['the index went away', [{ throws: new AppError('kendra-unavailable') }], { state: 'none' }],
    ['a lasting error leaves it pending', [{ throws: new AppError('access-denied') }], { state: 'pending' }],
  ])('%s', async (_name, statuses, expected) => {
    const c = clock();
    const index = new FakeIndex([], statuses);
    await expect(waitForIndex({ id: 'd1', index, signal: new AbortController().signal, clock: c, sleep: fakeSleep(c, []) })).resolves.toEqual(expected);
  });
});

describe('removeDocument', () => {
  function ports() {
    const calls: Calls = [];
    return { calls, store: new MemoryDocumentStore(calls), repository: new MemoryDocumentRepository(calls), index: new FakeIndex(calls) };
  }

  it('removes from Kendra and S3, then the record', async () => {
    const p = ports();
    await removeDocument({ id: 'd1', ...p });
    expect(p.calls).toEqual(['index.remove:d1', 'store.remove:d1', 'repository.delete:d1']);
  });

  it('works without an index, and when the index is unavailable or the files are already gone', async () => {
    const p = ports();
    await removeDocument({ id: 'd1', store: p.store, repository: p.repository });
    p.index.failRemove = new AppError('kendra-unavailable');
    p.store.failRemove = new AppError('not-found');
    await removeDocument({ id: 'd2', ...p });
    expect(p.calls).toEqual(['store.remove:d1', 'repository.delete:d1', 'index.remove:d2', 'store.remove:d2', 'repository.delete:d2']);
  });

  it('keeps the record when S3 or Kendra fails, so the user can delete again', async () => {
    const p = ports();
    p.index.failRemove = new AppError('throttled');
    await expect(removeDocument({ id: 'd1', ...p })).rejects.toMatchObject({ code: 'throttled' });
    expect(p.calls).not.toContain('repository.delete:d1');
  });
});
