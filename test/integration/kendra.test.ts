import { beforeAll, describe, expect, it } from 'vitest';
import {
  BatchDeleteDocumentCommand,
  BatchGetDocumentStatusCommand,
  BatchPutDocumentCommand,
  KendraClient,
  QueryCommand,
  RetrieveCommand,
  ValidationException,
  type AttributeFilter,
  type Document,
} from '@aws-sdk/client-kendra';
import { adminCredentials, localConfig, stackUrl } from './support/stack.ts';

const kendra = () => new KendraClient({ endpoint: stackUrl(), region: 'ap-northeast-1', credentials: adminCredentials, maxAttempts: 1 });
const text = (s: string) => new TextEncoder().encode(s);
const korean = { EqualsTo: { Key: '_language_code', Value: { StringValue: 'ko' } } } satisfies AttributeFilter;

let IndexId = '';
beforeAll(async () => {
  IndexId = (await localConfig()).kendra!.indexId;
});

async function put(...Documents: Document[]): Promise<void> {
  const out = await kendra().send(new BatchPutDocumentCommand({ IndexId, Documents }));
  expect(out.FailedDocuments).toEqual([]);
}

describe('local Kendra documents', () => {
  it('indexes, reports and deletes documents', async () => {
    await put({ Id: 'status/one', Title: 'one', Blob: text('first document'), ContentType: 'PLAIN_TEXT' });
    const client = kendra();
    const status = await client.send(
      new BatchGetDocumentStatusCommand({ IndexId, DocumentInfoList: [{ DocumentId: 'status/one' }, { DocumentId: 'status/none' }] }),
    );
    expect(status.Errors).toEqual([]);
    expect(status.DocumentStatusList).toEqual([
      { DocumentId: 'status/one', DocumentStatus: 'INDEXED' },
      { DocumentId: 'status/none', DocumentStatus: 'NOT_FOUND' },
    ]);
    const deleted = await client.send(new BatchDeleteDocumentCommand({ IndexId, DocumentIdList: ['status/one'] }));
    expect(deleted.FailedDocuments).toEqual([]);
    const after = await client.send(new BatchGetDocumentStatusCommand({ IndexId, DocumentInfoList: [{ DocumentId: 'status/one' }] }));
    expect(after.DocumentStatusList?.[0]?.DocumentStatus).toBe('NOT_FOUND');
  });

  it('reports PDF blobs and S3 paths as failed documents, with a reason', async () => {
    const client = kendra();
    const out = await client.send(
      new BatchPutDocumentCommand({
        IndexId,
        Documents: [
          { Id: 'failed/pdf', Blob: text('%PDF-1.7 ...'), ContentType: 'PDF' },
          { Id: 'failed/s3', S3Path: { Bucket: 'b', Key: 'k.txt' }, ContentType: 'PLAIN_TEXT' },
          { Id: 'failed/ok', Blob: text('fine'), ContentType: 'PLAIN_TEXT' },
        ],
      }),
    );
    expect(out.FailedDocuments?.map((f) => [f.Id, f.ErrorCode])).toEqual([
      ['failed/pdf', 'InvalidRequest'],
      ['failed/s3', 'InvalidRequest'],
    ]);
    expect(out.FailedDocuments?.[0]?.ErrorMessage).toMatch(/extracted text only/);
    expect(out.FailedDocuments?.[1]?.ErrorMessage).toMatch(/S3Path/);
    const status = await client.send(new BatchGetDocumentStatusCommand({ IndexId, DocumentInfoList: [{ DocumentId: 'failed/pdf' }] }));
    expect(status.DocumentStatusList?.[0]).toMatchObject({ DocumentStatus: 'FAILED', FailureCode: 'InvalidRequest' });
  });

  it.each<[string, Document[]]>([
    ['no documents', []],
    ['more than 10 documents', Array.from({ length: 11 }, (_, i) => ({ Id: `many/${i}`, Blob: text('x'), ContentType: 'PLAIN_TEXT' as const }))],
    ['an id longer than 2048 characters', [{ Id: 'x'.repeat(2049), Blob: text('x'), ContentType: 'PLAIN_TEXT' }]],
    ['more than 5 MB of text', [{ Id: 'huge', Blob: text('가나다 '.repeat(600_000)), ContentType: 'PLAIN_TEXT' }]],
  ])('refuses a put with %s', async (_name, Documents) => {
    await expect(kendra().send(new BatchPutDocumentCommand({ IndexId, Documents }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('refuses an empty delete list and a blank query', async () => {
    await expect(kendra().send(new BatchDeleteDocumentCommand({ IndexId, DocumentIdList: [] }))).rejects.toBeInstanceOf(ValidationException);
    await expect(kendra().send(new RetrieveCommand({ IndexId, QueryText: '  ' }))).rejects.toThrow(/QueryText/);
    await expect(kendra().send(new RetrieveCommand({ IndexId, QueryText: 'x', PageSize: 101 }))).rejects.toBeInstanceOf(ValidationException);
  });
});

describe('local Kendra search', () => {
  beforeAll(async () => {
    await put(
      {
        Id: 'search/office',
        Title: '회사 소개',
        Blob: text('서연의 사무실은 판교에 있다. 직원은 스무 명이다.'),
        ContentType: 'PLAIN_TEXT',
        Attributes: [
          { Key: '_language_code', Value: { StringValue: 'ko' } },
          { Key: '_source_uri', Value: { StringValue: 'https://example.test/office.txt' } },
          { Key: '_category', Value: { StringValue: 'company' } },
        ],
      },
      {
        Id: 'search/lunch',
        Title: '식당',
        Blob: text('<html><body><h1>점심</h1><p>구내식당 점심은 열두 시에 시작한다.</p></body></html>'),
        ContentType: 'HTML',
        Attributes: [
          { Key: '_language_code', Value: { StringValue: 'ko' } },
          { Key: '_category', Value: { StringValue: 'cafeteria' } },
        ],
      },
      {
        Id: 'search/english',
        Title: 'Vacation policy',
        Blob: text('# Vacation\n\nEvery employee gets fifteen days of paid vacation each year.'),
        ContentType: 'MD',
        Attributes: [{ Key: '_category', Value: { StringValue: 'hr' } }],
      },
    );
  });

  it('retrieves a Korean passage for a Korean question, with its source and no confidence bucket', async () => {
    const out = await kendra().send(new RetrieveCommand({ IndexId, QueryText: '서연의 사무실은 어디에 있나요?', AttributeFilter: korean }));
    expect(out.QueryId).toBeTruthy();
    const first = out.ResultItems?.[0];
    expect(first).toMatchObject({
      DocumentId: 'search/office',
      DocumentTitle: '회사 소개',
      Content: '서연의 사무실은 판교에 있다. 직원은 스무 명이다.',
      DocumentURI: 'https://example.test/office.txt',
      ScoreAttributes: { ScoreConfidence: 'NOT_AVAILABLE' },
    });
    expect(first?.DocumentAttributes).toContainEqual({ Key: '_language_code', Value: { StringValue: 'ko' } });
    expect(out.ResultItems?.map((r) => r.DocumentId)).not.toContain('search/lunch');
  });

  it('answers a Korean Query with an excerpt, highlights and a suggested answer', async () => {
    const out = await kendra().send(new QueryCommand({ IndexId, QueryText: '서연의 사무실은 어디에 있나요?', AttributeFilter: korean }));
    expect(out.TotalNumberOfResults).toBe(1);
    const answer = out.ResultItems?.find((r) => r.Type === 'ANSWER');
    const answerText = answer?.AdditionalAttributes?.find((a) => a.Key === 'AnswerText')?.Value?.TextWithHighlightsValue;
    expect(answerText?.Text).toBe('서연의 사무실은 판교에 있다.');
    const document = out.ResultItems?.find((r) => r.Type === 'DOCUMENT');
    expect(document?.DocumentId).toBe('search/office');
    expect(document?.DocumentTitle?.Text).toBe('회사 소개');
    const excerpt = document?.DocumentExcerpt;
    const highlighted = excerpt?.Highlights?.map((h) => excerpt.Text!.slice(h.BeginOffset, h.EndOffset));
    expect(highlighted).toEqual(['서연의', '사무실은']);
  });

  it('filters results by QueryResultTypeFilter', async () => {
    const docs = await kendra().send(new QueryCommand({ IndexId, QueryText: '판교 사무실', AttributeFilter: korean, QueryResultTypeFilter: 'DOCUMENT' }));
    expect(docs.ResultItems?.map((r) => r.Type)).toEqual(['DOCUMENT']);
    const answers = await kendra().send(new QueryCommand({ IndexId, QueryText: '판교 사무실', AttributeFilter: korean, QueryResultTypeFilter: 'ANSWER' }));
    expect(answers.ResultItems?.map((r) => r.Type)).toEqual(['ANSWER']);
  });

  it('searches English only unless the query filters on the language', async () => {
    const english = await kendra().send(new RetrieveCommand({ IndexId, QueryText: '서연의 사무실' }));
    expect(english.ResultItems).toEqual([]);
    const otherFilter = { EqualsTo: { Key: '_category', Value: { StringValue: 'company' } } };
    const stillEnglish = await kendra().send(new QueryCommand({ IndexId, QueryText: '서연의 사무실', AttributeFilter: otherFilter }));
    expect(stillEnglish.TotalNumberOfResults).toBe(0);
    const vacation = await kendra().send(new RetrieveCommand({ IndexId, QueryText: 'How many vacation days do employees get?' }));
    expect(vacation.ResultItems?.[0]).toMatchObject({ DocumentId: 'search/english', Content: 'Vacation\nEvery employee gets fifteen days of paid vacation each year.' });
    expect(['VERY_HIGH', 'HIGH', 'MEDIUM', 'LOW']).toContain(vacation.ResultItems?.[0]?.ScoreAttributes?.ScoreConfidence);
  });

  it('honours EqualsTo, AndAllFilters and OrAllFilters', async () => {
    const ids = async (AttributeFilter: AttributeFilter) =>
      ((await kendra().send(new RetrieveCommand({ IndexId, QueryText: '점심 사무실 vacation', AttributeFilter }))).ResultItems ?? []).map((r) => r.DocumentId).sort();
    const category = (v: string) => ({ EqualsTo: { Key: '_category', Value: { StringValue: v } } });
    const language = (v: string) => ({ EqualsTo: { Key: '_language_code', Value: { StringValue: v } } });
    expect(await ids(category('hr'))).toEqual(['search/english']);
    expect(await ids({ AndAllFilters: [language('ko'), category('cafeteria')] })).toEqual(['search/lunch']);
    expect(await ids({ OrAllFilters: [language('ko'), language('en')] })).toEqual(['search/english', 'search/lunch', 'search/office']);
    expect(await ids({ AndAllFilters: [language('ko'), { NotFilter: category('cafeteria') }] })).toEqual(['search/office']);
  });

  it('compares dates and numbers, and returns them as the SDK types', async () => {
    const created = new Date('2024-03-01T00:00:00Z');
    await put({
      Id: 'search/dated',
      Blob: text('Quarterly report for the board.'),
      ContentType: 'PLAIN_TEXT',
      Attributes: [
        { Key: '_created_at', Value: { DateValue: created } },
        { Key: '_view_count', Value: { LongValue: 42 } },
      ],
    });
    const ids = async (AttributeFilter: AttributeFilter) =>
      ((await kendra().send(new RetrieveCommand({ IndexId, QueryText: 'quarterly report', AttributeFilter }))).ResultItems ?? []).map((r) => r.DocumentId);
    expect(await ids({ GreaterThan: { Key: '_created_at', Value: { DateValue: new Date('2024-01-01T00:00:00Z') } } })).toEqual(['search/dated']);
    expect(await ids({ LessThan: { Key: '_created_at', Value: { DateValue: new Date('2024-01-01T00:00:00Z') } } })).toEqual([]);
    expect(await ids({ GreaterThanOrEquals: { Key: '_view_count', Value: { LongValue: 42 } } })).toEqual(['search/dated']);
    const out = await kendra().send(new RetrieveCommand({ IndexId, QueryText: 'quarterly report', RequestedDocumentAttributes: ['_created_at'] }));
    expect(out.ResultItems?.[0]?.DocumentAttributes).toEqual([{ Key: '_created_at', Value: { DateValue: created } }]);
  });

  it('lists documents for a Query with only an AttributeFilter', async () => {
    const out = await kendra().send(
      new QueryCommand({ IndexId, AttributeFilter: { AndAllFilters: [korean, { EqualsTo: { Key: '_category', Value: { StringValue: 'cafeteria' } } }] } }),
    );
    expect(out.TotalNumberOfResults).toBe(1);
    expect(out.ResultItems?.map((r) => [r.Type, r.DocumentId, r.DocumentExcerpt?.Text])).toEqual([['DOCUMENT', 'search/lunch', '점심\n구내식당 점심은 열두 시에 시작한다.']]);
  });

  it('pages results', async () => {
    const filter = { OrAllFilters: [korean, { EqualsTo: { Key: '_language_code', Value: { StringValue: 'en' } } }] };
    const page1 = await kendra().send(new RetrieveCommand({ IndexId, QueryText: '점심 사무실 vacation', AttributeFilter: filter, PageSize: 2 }));
    const page2 = await kendra().send(new RetrieveCommand({ IndexId, QueryText: '점심 사무실 vacation', AttributeFilter: filter, PageSize: 2, PageNumber: 2 }));
    expect(page1.ResultItems).toHaveLength(2);
    expect(page2.ResultItems).toHaveLength(1);
    expect(new Set([...page1.ResultItems!, ...page2.ResultItems!].map((r) => r.DocumentId)).size).toBe(3);
  });
});
