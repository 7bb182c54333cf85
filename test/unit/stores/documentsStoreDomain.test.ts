// The documents store over the real use cases of src/domain/documents (as src/app/documents.ts
// wires them), with in-memory ports and a scripted model.
import { describe, expect, it } from 'vitest';
import { ingestDocument, removeDocument } from '../../../src/domain/documents/ingest.ts';
import { summarizeDocument } from '../../../src/domain/documents/summarize.ts';
import { createDocumentsStore } from '../../../src/stores/documentsStore.ts';
import { FakeIndex, FakeParser, MemoryDocumentRepository, MemoryDocumentStore } from './documentsFakes.ts';
import { answer, barrier, FakeCallLog, FakeModel, fakeClock } from './fakes.ts';
import { settle } from './harness.ts';

const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

function setup(scripts: ConstructorParameters<typeof FakeModel>[0] = []) {
  const parser = new FakeParser();
  const files = new MemoryDocumentStore();
  const repository = new MemoryDocumentRepository();
  const index = new FakeIndex();
  const model = new FakeModel(scripts);
  const callLog = new FakeCallLog();
  const clock = fakeClock();
  const store = createDocumentsStore({
    ports: { parser, store: files, repository, index, model, callLog, clock, newId: clock.newId, sleep: async () => undefined },
    useCases: { ingest: ingestDocument, summarize: summarizeDocument, remove: removeDocument },
    maxUploadBytes: 1024 * 1024,
    summaryModel: () => ({ modelId: MODEL }),
    summarizeAfterUpload: true,
  });
  return { store, parser, files, repository, index, model, callLog };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 50 && !check(); i++) await settle();
  expect(check()).toBe(true);
};

describe('documents store over the domain use cases', () => {
  it('uploads, indexes and summarizes a Korean document, and logs the summary call', async () => {
    const { store, files, repository, index, model, callLog } = setup([answer(['본사는 ', '판교로 이전합니다.'], { usage: { inputTokens: 40, outputTokens: 9 } })]);
    const text = '서울 본사 이전 안내\n\n서울 본사는 2026년 3월에 판교로 이전합니다.';
    const stored = await store.getState().upload(new File([text], '안내.txt', { type: 'text/plain' }));
    expect(stored).toMatchObject({ fileName: '안내.txt', status: 'ready', indexState: 'indexed', language: 'ko' });
    const id = stored!.id;
    expect(files.texts.get(id)).toBe(text);
    expect(index.indexed.get(id)).toBe(text);

    await until(() => store.getState().documents[0]?.summary !== undefined);
    expect(store.getState().documents[0]).toMatchObject({ summary: '본사는 판교로 이전합니다.', summaryModelId: MODEL });
    expect(repository.records.get(id)?.summary).toBe('본사는 판교로 이전합니다.');
    const prompt = model.requests[0]!.prompt;
    expect(prompt.messages.at(-1)?.text).toContain(text);
    expect(prompt.messages.at(-1)?.text).toContain('<question>이 문서를 요약해 주세요.</question>');
    expect(callLog.entries).toMatchObject([{ kind: 'summary', documentId: id, modelId: MODEL, status: 'complete' }]);
  });

  it('cancelled during the upload, leaves nothing in storage, the list or the index', async () => {
    const { store, files, repository, index } = setup();
    const uploading = barrier();
    files.gate = uploading.wait;
    const done = store.getState().upload(new File(['본문'], 'a.txt'));
    await until(() => Object.values(store.getState().uploads)[0]?.stage === 'uploading');
    store.getState().cancel(Object.keys(store.getState().uploads)[0]!);
    uploading.release();
    expect(await done).toBeUndefined();
    expect(store.getState().uploads).toEqual({});
    expect(store.getState().documents).toEqual([]);
    expect(files.originals.size + files.texts.size + repository.records.size + index.indexed.size).toBe(0);
  });

  it('removes a document from the index, storage and the list', async () => {
    const { store, files, repository, index } = setup([answer(['요약'])]);
    const stored = await store.getState().upload(new File(['본문입니다.'], 'a.txt'));
    await until(() => store.getState().documents[0]?.summary !== undefined);
    await store.getState().remove(stored!.id);
    expect(store.getState().documents).toEqual([]);
    expect(index.removed).toEqual([stored!.id]);
    expect(files.originals.size + files.texts.size + repository.records.size).toBe(0);
  });
});
