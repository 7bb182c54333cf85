import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import type { DocumentRecord } from '../../../src/domain/types.ts';
import { AUTO_SUMMARY_MAX_CHARS, contentTypeOf, createDocumentsStore } from '../../../src/stores/documentsStore.ts';
import type { DocumentsDeps } from '../../../src/stores/documentsTypes.ts';
import {
  barrier,
  FakeIndex,
  FakeParser,
  FakeUseCases,
  failingSummary,
  MemoryDocumentRepository,
  MemoryDocumentStore,
  record,
  streamedSummary,
} from './documentsFakes.ts';
import { FakeModel, fakeClock, manualFrames } from './fakes.ts';
import { settle } from './harness.ts';

const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

function setup(options: { index?: boolean; overrides?: Partial<DocumentsDeps> } = {}) {
  const parser = new FakeParser();
  const store = new MemoryDocumentStore();
  const repository = new MemoryDocumentRepository();
  const index = options.index ? new FakeIndex() : undefined;
  const useCases = new FakeUseCases();
  const clock = fakeClock();
  const frames = manualFrames();
  const summariesPosted: DocumentRecord[] = [];
  const errors: string[] = [];
  const opened: Array<Promise<string>> = [];
  const documents = createDocumentsStore({
    ports: { parser, store, repository, ...(index ? { index } : {}), model: new FakeModel([]), clock, newId: clock.newId },
    useCases,
    maxUploadBytes: 1_000,
    summaryModel: () => ({ modelId: MODEL, params: { temperature: 0.2 } }),
    scheduleFrame: frames.schedule,
    openUrl: (url) => void opened.push(url),
    onSummary: (r) => summariesPosted.push(r),
    onError: (code) => errors.push(code),
    ...options.overrides,
  });
  return { documents, parser, store, repository, index, useCases, clock, frames, summariesPosted, errors, opened };
}

const file = (text: string, name: string, type = '') => new File([text], name, type ? { type } : {});
const onlyUpload = (documents: ReturnType<typeof setup>['documents']) => Object.values(documents.getState().uploads)[0];

describe('documents store: the list', () => {
  it('loads the user’s documents newest first', async () => {
    const { documents, repository } = setup();
    for (const r of [record('a', '2026-01-01T00:00:00.000Z'), record('c', '2026-03-01T00:00:00.000Z'), record('b', '2026-02-01T00:00:00.000Z')]) {
      repository.records.set(r.id, r);
    }
    await documents.getState().load();
    expect(documents.getState().phase).toBe('ready');
    expect(documents.getState().documents.map((d) => d.id)).toEqual(['c', 'b', 'a']);
  });

  it('says why the list could not be loaded', async () => {
    const { documents, repository, errors } = setup();
    repository.failNext.listDocuments = new AppError('session-expired');
    await documents.getState().load();
    expect(documents.getState().phase).toBe('error');
    expect(documents.getState().failure).toEqual({ action: 'load', code: 'session-expired' });
    expect(errors).toEqual(['session-expired']);
  });

  it('knows whether question answering has an index', () => {
    expect(setup({ index: true }).documents.getState().indexAvailable).toBe(true);
    expect(setup().documents.getState().indexAvailable).toBe(false);
  });
});

describe('documents store: uploading', () => {
  it('shows the stages with their progress, then the stored record instead of the card', async () => {
    const { documents, parser, store } = setup({ index: true });
    const parsing = barrier();
    const uploading = barrier();
    parser.gate = parsing.wait;
    store.gate = uploading.wait;

    const done = documents.getState().upload(file('서울 본사 안내문입니다.', '안내.pdf'));
    await settle();
    expect(onlyUpload(documents)).toMatchObject({ fileName: '안내.pdf', stage: 'parsing', done: 1, total: 2, running: true });
    expect(documents.getState().documents).toEqual([]);

    parsing.release();
    await settle();
    const size = new Blob(['서울 본사 안내문입니다.']).size;
    expect(onlyUpload(documents)).toMatchObject({ stage: 'uploading', done: Math.floor(size / 2), total: size });

    uploading.release();
    const stored = await done;
    expect(stored).toMatchObject({ fileName: '안내.pdf', type: 'pdf', pages: 2, status: 'ready', indexState: 'indexed' });
    expect(documents.getState().uploads).toEqual({});
    expect(documents.getState().documents).toEqual([stored]);
  });

  it('stores the original with a MIME type even when the browser gives none', async () => {
    const { documents, useCases, store } = setup();
    await documents.getState().upload(file('a,b\n1,2', '표.csv'));
    expect(useCases.ingests[0]?.contentType).toBe('text/csv');
    expect([...store.originals.values()][0]?.contentType).toBe('text/csv');
    expect(contentTypeOf('x.PDF', '')).toBe('application/pdf');
    expect(contentTypeOf('x.csv', 'application/vnd.ms-excel')).toBe('application/vnd.ms-excel');
    expect(contentTypeOf('x.bin', '')).toBe('application/octet-stream');
  });

  it('passes the size limit, the index and one id for the whole upload', async () => {
    const { documents, useCases, index } = setup({ index: true });
    const stored = await documents.getState().upload(file('hello', 'a.txt'));
    const input = useCases.ingests[0]!;
    expect(input.maxBytes).toBe(1_000);
    expect(input.index).toBe(index);
    expect(input.id).toBe(stored?.id);
  });

  it('cancels a running upload: nothing stays in the list or in storage', async () => {
    const { documents, store, repository } = setup({ index: true });
    const uploading = barrier();
    store.gate = uploading.wait;
    const done = documents.getState().upload(file('본문', 'a.txt'));
    await settle();
    const id = onlyUpload(documents)!.id;
    expect(onlyUpload(documents)?.stage).toBe('uploading');

    documents.getState().cancel(id);
    uploading.release();
    expect(await done).toBeUndefined();
    expect(documents.getState().uploads).toEqual({});
    expect(documents.getState().documents).toEqual([]);
    expect(store.originals.size).toBe(0);
    expect(repository.records.size).toBe(0);
  });

  it('keeps a refused file on its card with the reason, and never shows it as a document', async () => {
    const { documents, parser, errors } = setup();
    parser.failures.set('scan.pdf', new AppError('file-no-text'));
    expect(await documents.getState().upload(file('%PDF-1.7', 'scan.pdf'))).toBeUndefined();
    const card = onlyUpload(documents)!;
    expect(card).toMatchObject({ fileName: 'scan.pdf', running: false, error: 'file-no-text', needsPassword: false });
    expect(documents.getState().documents).toEqual([]);
    expect(errors).toEqual(['file-no-text']);

    documents.getState().cancel(card.id);
    expect(documents.getState().uploads).toEqual({});
  });

  it('refuses a file over the limit before anything is stored', async () => {
    const { documents, store, parser } = setup();
    await documents.getState().upload(file('x'.repeat(2_000), 'big.txt'));
    expect(onlyUpload(documents)?.error).toBe('upload-too-large');
    expect(parser.calls).toEqual([]);
    expect(store.originals.size).toBe(0);
  });

  it('drops a record that was saved before the upload failed', async () => {
    const { documents, index } = setup({ index: true });
    vi.spyOn(index!, 'index').mockRejectedValueOnce(new AppError('service-unavailable'));
    await documents.getState().upload(file('본문', 'a.txt'));
    expect(documents.getState().documents).toEqual([]);
    expect(onlyUpload(documents)?.error).toBe('service-unavailable');
  });

  it('asks for the password of an encrypted PDF, says when it is wrong, and opens it with the right one', async () => {
    const { documents, parser } = setup();
    parser.passwords.set('잠김.pdf', 'sesame');
    await documents.getState().upload(file('잠긴 문서 본문', '잠김.pdf'));
    const id = onlyUpload(documents)!.id;
    expect(onlyUpload(documents)).toMatchObject({ error: 'file-encrypted', needsPassword: true, running: false });

    expect(await documents.getState().retryWithPassword(id, 'wrong')).toBeUndefined();
    expect(onlyUpload(documents)).toMatchObject({ error: 'file-password-wrong', needsPassword: true });

    const stored = await documents.getState().retryWithPassword(id, 'sesame');
    expect(stored?.id).toBe(id);
    expect(parser.calls.map((c) => c.password)).toEqual([undefined, 'wrong', 'sesame']);
    expect(documents.getState().uploads).toEqual({});
    expect(documents.getState().documents.map((d) => d.fileName)).toEqual(['잠김.pdf']);
  });

  it('runs several uploads side by side', async () => {
    const { documents } = setup();
    const [a, b] = await Promise.all([documents.getState().upload(file('하나', 'one.txt')), documents.getState().upload(file('둘', 'two.txt'))]);
    expect(a?.id).not.toBe(b?.id);
    expect(documents.getState().documents).toHaveLength(2);
  });
});

describe('documents store: summaries', () => {
  it('does not start a summary of a very large document by itself; the reader starts it', async () => {
    const { documents, useCases } = setup({ overrides: { summarizeAfterUpload: true, maxUploadBytes: 5_000_000 } });
    const stored = await documents.getState().upload(file('가'.repeat(AUTO_SUMMARY_MAX_CHARS + 1), '큰 문서.txt'));
    await settle();
    expect(stored?.textLength).toBe(AUTO_SUMMARY_MAX_CHARS + 1);
    expect(useCases.summaries).toHaveLength(0);
    await documents.getState().upload(file('작은 문서', '작은.txt'));
    await settle();
    expect(useCases.summaries).toHaveLength(1);
  });

  it('starts after an upload, streams once per frame with parts progress, saves on the record and hands it over', async () => {
    const { documents, useCases, repository, frames, summariesPosted, store } = setup({ overrides: { summarizeAfterUpload: true } });
    const gate = barrier();
    useCases.summaryScripts.push(streamedSummary(['서울 본사는 ', '판교로 이전합니다.'], { gate: gate.wait, parts: 3 }));

    const stored = await documents.getState().upload(file('서울 본사 안내문입니다.', '안내.txt'));
    await settle();
    const id = stored!.id;
    expect(documents.getState().summaries[id]).toMatchObject({ running: true, text: '', progress: { done: 3, total: 3, phase: 'parts' } });
    frames.run();
    expect(documents.getState().summaries[id]?.text).toBe('서울 본사는 ');

    gate.release();
    await settle();
    await settle();
    expect(documents.getState().summaries[id]).toBeUndefined();
    const saved = documents.getState().documents[0]!;
    expect(saved).toMatchObject({ summary: '서울 본사는 판교로 이전합니다.', summaryModelId: MODEL });
    expect(repository.records.get(id)?.summary).toBe('서울 본사는 판교로 이전합니다.');
    expect(summariesPosted).toEqual([saved]);
    // The text read during the upload is summarized; nothing is downloaded again.
    expect(useCases.summaries[0]).toMatchObject({ text: '서울 본사 안내문입니다.', language: 'ko', modelId: MODEL, params: { temperature: 0.2 }, documentId: id });
    expect(store.getTextCalls).toBe(0);
  });

  it('summarizes a loaded document from its stored text, in the document’s language', async () => {
    const { documents, repository, store, useCases } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { language: 'en' }));
    store.texts.set('d1', 'The Seoul office moves to Pangyo.');
    useCases.summaryScripts.push(streamedSummary(['It moves.']));
    await documents.getState().load();
    await documents.getState().summarize('d1');
    expect(useCases.summaries[0]).toMatchObject({ text: 'The Seoul office moves to Pangyo.', language: 'en' });
    expect(documents.getState().documents[0]?.summary).toBe('It moves.');
  });

  it('stops when cancelled and saves nothing', async () => {
    const { documents, repository, store, useCases, summariesPosted } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    store.texts.set('d1', '본문');
    const gate = barrier();
    useCases.summaryScripts.push(streamedSummary(['앞부분 ', '뒷부분'], { gate: gate.wait }));
    await documents.getState().load();
    const running = documents.getState().summarize('d1');
    await settle();
    expect(documents.getState().summaries.d1?.running).toBe(true);

    documents.getState().cancelSummary('d1');
    gate.release();
    await running;
    expect(useCases.summaries[0]?.signal.aborted).toBe(true);
    expect(documents.getState().summaries.d1).toBeUndefined();
    expect(documents.getState().documents[0]?.summary).toBeUndefined();
    expect(repository.saves).toEqual([]);
    expect(summariesPosted).toEqual([]);
  });

  it('says why a summary failed', async () => {
    const { documents, repository, store, useCases, errors } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    store.texts.set('d1', '본문');
    useCases.summaryScripts.push(failingSummary('throttled'));
    await documents.getState().load();
    await documents.getState().summarize('d1');
    expect(documents.getState().summaries.d1).toEqual({ text: '', running: false, error: 'throttled' });
    expect(errors).toEqual(['throttled']);
  });

  it('keeps the summary on screen when saving it failed, and says so', async () => {
    const { documents, repository, store, useCases, summariesPosted } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    store.texts.set('d1', '본문');
    useCases.summaryScripts.push(streamedSummary(['요약']));
    await documents.getState().load();
    repository.failNext.saveDocument = new AppError('offline');
    await documents.getState().summarize('d1');
    expect(documents.getState().documents[0]?.summary).toBe('요약');
    expect(documents.getState().failure).toEqual({ action: 'save-summary', code: 'offline', documentId: 'd1' });
    expect(summariesPosted).toHaveLength(1);
  });

  it('does not bring back a document removed while its summary ran', async () => {
    const { documents, repository, store, useCases } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    store.texts.set('d1', '본문');
    const gate = barrier();
    useCases.summaryScripts.push(streamedSummary(['요', '약'], { gate: gate.wait }));
    await documents.getState().load();
    const running = documents.getState().summarize('d1');
    await settle();
    await documents.getState().remove('d1');
    gate.release();
    await running;
    expect(repository.records.has('d1')).toBe(false);
    expect(documents.getState().documents).toEqual([]);
  });
});

describe('documents store: text, original and removal', () => {
  it('reads the extracted text once and lets go of it', async () => {
    const { documents, repository, store } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    store.texts.set('d1', '첫 줄\n둘째 줄');
    await documents.getState().load();
    expect(await documents.getState().readText('d1')).toBe('첫 줄\n둘째 줄');
    expect(await documents.getState().readText('d1')).toBe('첫 줄\n둘째 줄');
    expect(store.getTextCalls).toBe(1);
    expect(documents.getState().texts.d1).toEqual({ phase: 'ready', text: '첫 줄\n둘째 줄' });
    documents.getState().forgetText('d1');
    expect(documents.getState().texts.d1).toBeUndefined();
  });

  it('says when the text could not be read', async () => {
    const { documents, repository } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    await documents.getState().load();
    expect(await documents.getState().readText('d1')).toBeUndefined();
    expect(documents.getState().texts.d1).toEqual({ phase: 'error', error: 'not-found' });
  });

  it('looks again at documents the index was still working on when the page was left', async () => {
    const { documents, repository, useCases } = setup({ index: true });
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { indexState: 'pending' }));
    repository.records.set('d2', record('d2', '2026-01-02T00:00:00.000Z', { indexState: 'indexed' }));
    const asked: string[] = [];
    useCases.waitForIndex = async ({ id }) => {
      asked.push(id);
      return { state: 'failed', reason: 'too large' };
    };
    await documents.getState().load();
    await settle();
    expect(asked).toEqual(['d1']);
    expect(documents.getState().documents.find((d) => d.id === 'd1')).toMatchObject({ indexState: 'failed', indexError: 'too large' });
    expect(repository.records.get('d1')).toMatchObject({ indexState: 'failed' });
  });

  it('opens the original through a presigned link, asked for at the click', async () => {
    const { documents, repository, opened } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '보고서 1.pdf' }));
    await documents.getState().load();
    documents.getState().openOriginal('d1');
    expect(opened).toHaveLength(1);
    expect(await opened[0]).toBe('https://s3.example/private/me/documents/d1/%EB%B3%B4%EA%B3%A0%EC%84%9C%201.pdf?X-Amz-Signature=abc');
  });

  it('opens a CP949 file with its charset, so it reads as Korean', async () => {
    const { documents, repository, opened } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z', { fileName: '매출.csv', type: 'csv', encoding: 'euc-kr' }));
    await documents.getState().load();
    documents.getState().openOriginal('d1');
    expect(await opened[0]).toMatch(/&charset=euc-kr$/);
  });

  it('says when the link could not be made', async () => {
    const { documents, repository, store, opened } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    await documents.getState().load();
    store.failNext.downloadUrl = new AppError('access-denied');
    documents.getState().openOriginal('d1');
    await expect(opened[0]).rejects.toMatchObject({ code: 'access-denied' });
    await settle();
    expect(documents.getState().failure).toEqual({ action: 'open', code: 'access-denied', documentId: 'd1' });
  });

  it('removes a document everywhere, the index included when there is one', async () => {
    const { documents, repository, store, index, useCases } = setup({ index: true });
    const stored = await documents.getState().upload(file('본문', 'a.txt'));
    const id = stored!.id;
    expect(index!.indexed.has(id)).toBe(true);
    const removing = documents.getState().remove(id);
    expect(documents.getState().removing[id]).toBe(true);
    await removing;
    expect(useCases.removes).toEqual([{ id, withIndex: true }]);
    expect(documents.getState().documents).toEqual([]);
    expect(documents.getState().removing).toEqual({});
    expect(store.originals.size + repository.records.size + index!.indexed.size).toBe(0);
  });

  it('keeps a document whose removal failed, and says so', async () => {
    const { documents, repository, store } = setup();
    repository.records.set('d1', record('d1', '2026-01-01T00:00:00.000Z'));
    await documents.getState().load();
    store.failNext.remove = new AppError('offline');
    await documents.getState().remove('d1');
    expect(documents.getState().documents.map((d) => d.id)).toEqual(['d1']);
    expect(documents.getState().failure).toEqual({ action: 'remove', code: 'offline', documentId: 'd1' });
    documents.getState().dismissFailure();
    expect(documents.getState().failure).toBeUndefined();
  });

  it('stops running uploads and summaries when disposed', async () => {
    const { documents, store } = setup();
    const uploading = barrier();
    store.gate = uploading.wait;
    const done = documents.getState().upload(file('본문', 'a.txt'));
    await settle();
    documents.getState().dispose();
    uploading.release();
    expect(await done).toBeUndefined();
    expect(store.originals.size).toBe(0);
  });
});
