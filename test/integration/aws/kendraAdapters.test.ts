import { randomUUID } from 'node:crypto';
import { BatchPutDocumentCommand } from '@aws-sdk/client-kendra';
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

  it("hides another user's documents by the id token, whoever's credentials sign the call", async () => {
    // Bob's token on Alice's AWS credentials: the token decides what may be seen.
    const passages = await new KendraRetriever(alice.clients, async () => bob.idToken).retrieve({ text: '서연의 사무실은 어디에 있나요?', language: 'ko' }, never());
    expect(passages.map((p) => p.documentId)).not.toContain('office');
    // And Query, the fallback, filters the same way.
    await addFault({ kind: 'error', service: 'kendra', operation: 'Retrieve', status: 503 });
    const viaQuery = await retrieverFor(bob).retrieve({ text: '서연의 사무실은 판교', language: 'ko' }, never());
    expect(viaQuery.map((p) => p.documentId)).toEqual(['bob-office']);
  });
});

describe('Kendra document status (BatchGetDocumentStatus)', () => {
  it('says indexed after a put, pending for an id it does not know, and pending again after removal', async () => {
    const index = new KendraDocumentIndex(alice.clients, alice.username);
    expect(await index.status('office')).toEqual({ state: 'indexed' });
    expect(await index.status('never-put')).toEqual({ state: 'pending' });
    await index.index({ documentId: 'short-lived', title: '잠깐', text: '잠깐 있는 문서다.', language: 'ko', sourceUri: 'x' }, never());
    expect(await index.status('short-lived')).toEqual({ state: 'indexed' });
    await index.remove('short-lived');
    expect(await index.status('short-lived')).toEqual({ state: 'pending' });
  });

  it('says pending while Kendra is still processing', async () => {
    const index = new KendraDocumentIndex(alice.clients, alice.username);
    await addFault({ kind: 'processing', service: 'kendra', count: 2 });
    expect(await index.status('office')).toEqual({ state: 'pending' });
    expect(await index.status('office')).toEqual({ state: 'pending' });
    expect(await index.status('office')).toEqual({ state: 'indexed' });
  });

  it("says failed with Kendra's reason for a document it refused", async () => {
    const client = await alice.clients.kendra();
    const IndexId = alice.clients.config.kendra!.indexId;
    const Id = `${alice.identityId}/refused`;
    // A reserved attribute with the wrong value type: Kendra takes the call and fails the document.
    const put = await client.send(
      new BatchPutDocumentCommand({
        IndexId,
        Documents: [{ Id, Blob: new TextEncoder().encode('본문'), ContentType: 'PLAIN_TEXT', Attributes: [{ Key: '_excerpt_page_number', Value: { StringValue: '3' } }] }],
      }),
    );
    expect(put.FailedDocuments?.map((f) => f.Id)).toEqual([Id]);
    const status = await new KendraDocumentIndex(alice.clients, alice.username).status('refused');
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(/_excerpt_page_number/);
  });

  it('says kendra-unavailable when the deployment has no index', async () => {
    const clients = { ...alice.clients, config: { ...alice.clients.config, kendra: null } };
    await expect(new KendraDocumentIndex(clients, alice.username).status('office')).rejects.toMatchObject({ code: 'kendra-unavailable' });
  });
});

describe('a longer Korean document', () => {
  const paragraphs = [
    '서연 주식회사 취업 규칙. 이 규칙은 모든 직원에게 적용된다. 규칙은 매년 1월에 검토한다.',
    '근무 시간은 오전 9시부터 오후 6시까지다. 점심시간은 낮 12시부터 1시까지 한 시간이다. 유연 근무를 원하는 직원은 팀장의 승인을 받는다.',
    '연차 휴가는 입사 첫해에 11일이 주어진다. 1년 이상 근무하면 연차는 15일이 된다. 3년마다 하루씩 늘어나 최대 25일까지 쓸 수 있다.',
    '출장비는 실비로 정산한다. 숙박비는 하룻밤 15만 원까지 인정된다. 영수증은 출장에서 돌아온 뒤 일주일 안에 제출한다.',
    '보안 규정에 따라 노트북은 퇴근할 때 잠금 보관함에 넣는다. 외부 저장 장치는 보안팀의 허가 없이 쓸 수 없다.',
  ];
  // Long enough for several Retrieve passages.
  const text = Array.from({ length: 6 }, (_, round) => paragraphs.map((p) => (round === 0 ? p : `${round}차 부록. ${p.replace(/[0-9]+/g, '')}`)).join('\n\n')).join('\n\n');

  it('finds the passage that answers a Korean question, in passages of Retrieve size', async () => {
    await new KendraDocumentIndex(alice.clients, alice.username).index(
      { documentId: 'rules', title: '취업 규칙', text, language: 'ko', sourceUri: 'private/a/documents/rules/취업 규칙.pdf' },
      never(),
    );
    const passages = await retrieverFor(alice).retrieve({ text: '1년 넘게 일하면 연차 휴가는 며칠인가요?', language: 'ko', limit: 5 }, never());
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.every((p) => p.documentId === 'rules' && p.title === '취업 규칙')).toBe(true);
    expect(passages[0]?.text).toContain('1년 이상 근무하면 연차는 15일이 된다.');
    for (const p of passages) {
      // Kendra's Retrieve passages run to about 200 words; a Korean one is a few hundred characters.
      expect(p.text.split(/\s+/).length).toBeLessThanOrEqual(200);
      expect(p.text.length).toBeLessThanOrEqual(800);
      expect(text.replace(/\s+/g, ' ')).toContain(p.text.replace(/\s+/g, ' '));
    }
    // English-filtered, the Korean document is not there.
    expect((await retrieverFor(alice).retrieve({ text: '연차 휴가', language: 'en' }, never())).map((p) => p.documentId)).not.toContain('rules');
  });
});
