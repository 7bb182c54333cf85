import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KendraDocumentIndex } from '../../../src/aws/kendraDocumentIndex.ts';
import { KendraRetriever } from '../../../src/aws/kendraRetriever.ts';
import { addFault, clearFaults } from '../support/stack.ts';
import { signedInUser, type SignedInUser } from './support.ts';

let alice: SignedInUser;
let bob: SignedInUser;
beforeAll(async () => {
  const suffix = randomUUID().slice(0, 8);
  [alice, bob] = await Promise.all([signedInUser(`kendra-a-${suffix}`), signedInUser(`kendra-b-${suffix}`)]);
  const signal = new AbortController().signal;
  await new KendraDocumentIndex(alice.clients, alice.username).index(
    { documentId: 'office', title: '회사 소개', text: '서연의 사무실은 판교에 있다. 직원은 열두 명이다.', language: 'ko', sourceUri: 'private/a/documents/office/회사 소개.txt' },
    signal,
  );
  await new KendraDocumentIndex(alice.clients, alice.username).index(
    { documentId: 'office-en', title: 'About', text: "Seoyeon's office is in Pangyo.", language: 'en', sourceUri: 'private/a/documents/office-en/about.txt' },
    signal,
  );
  await new KendraDocumentIndex(bob.clients, bob.username).index(
    { documentId: 'bob-office', title: '밥의 메모', text: '밥의 사무실은 판교 역 근처에 있다.', language: 'ko', sourceUri: 'private/b/documents/bob-office/memo.txt' },
    signal,
  );
});
afterEach(clearFaults);
afterAll(() => [alice, bob].forEach((u) => u?.clients.destroy()));

const retrieverFor = (user: SignedInUser) => new KendraRetriever(user.clients, async () => user.idToken);
const never = () => new AbortController().signal;

describe('Kendra adapters on the local index', () => {
  it("retrieves the user's own Korean passage, with our document id and source", async () => {
    const passages = await retrieverFor(alice).retrieve({ text: '서연의 사무실은 어디에 있나요?', language: 'ko' }, never());
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.map((p) => p.documentId)).toEqual(['office']);
    expect(passages[0]).toMatchObject({ title: '회사 소개', uri: 'private/a/documents/office/회사 소개.txt' });
    expect(passages[0]?.text).toContain('판교');
  });

  it("never returns another user's documents", async () => {
    const passages = await retrieverFor(bob).retrieve({ text: '사무실 판교', language: 'ko' }, never());
    expect(passages.map((p) => p.documentId)).toEqual(['bob-office']);
  });

  it('filters on the language', async () => {
    const passages = await retrieverFor(alice).retrieve({ text: 'office Pangyo', language: 'en' }, never());
    expect(passages.map((p) => p.documentId)).toEqual(['office-en']);
  });

  it('falls back to Query when Retrieve is failing', async () => {
    await addFault({ kind: 'error', service: 'kendra', operation: 'Retrieve', status: 503 });
    const passages = await retrieverFor(alice).retrieve({ text: '서연의 사무실은 어디에 있나요?', language: 'ko' }, never());
    expect(passages.map((p) => p.documentId)).toEqual(['office']);
    expect(passages[0]?.text).toContain('판교');
  });

  it('removes a document from the index', async () => {
    const index = new KendraDocumentIndex(alice.clients, alice.username);
    await index.index({ documentId: 'temp', title: '임시', text: '임시 문서의 암호는 고래다.', language: 'ko', sourceUri: 'x' }, never());
    expect((await retrieverFor(alice).retrieve({ text: '임시 문서 암호', language: 'ko' }, never())).map((p) => p.documentId)).toContain('temp');
    await index.remove('temp');
    expect((await retrieverFor(alice).retrieve({ text: '임시 문서 암호', language: 'ko' }, never())).map((p) => p.documentId)).not.toContain('temp');
  });

  it('says kendra-unavailable when the deployment has no index', async () => {
    const clients = { ...alice.clients, config: { ...alice.clients.config, kendra: null } };
    await expect(new KendraRetriever(clients, async () => alice.idToken).retrieve({ text: '판교' }, never())).rejects.toMatchObject({
      code: 'kendra-unavailable',
    });
  });
});
