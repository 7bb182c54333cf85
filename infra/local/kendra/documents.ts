// BatchPutDocument, BatchDeleteDocument and BatchGetDocumentStatus over the local index.
import { KendraError } from './errors.ts';
import { CONTENT_TYPES, extractText } from './extract.ts';
import { valueProblem, type DocumentAttribute, type Principal } from './filters.ts';
import type { KendraIndex } from './index.ts';

const MAX_BATCH = 10;
const MAX_ID = 2048;
const MAX_BLOB_BYTES = 50 * 1024 * 1024;
const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const MAX_ACL = 200;

// Kendra's reserved fields and the value type each must carry; other `_` keys are not fields of the index.
const RESERVED: Record<string, 'StringValue' | 'StringListValue' | 'LongValue' | 'DateValue'> = {
  _authors: 'StringListValue',
  _category: 'StringValue',
  _created_at: 'DateValue',
  _data_source_id: 'StringValue',
  _document_title: 'StringValue',
  _excerpt_page_number: 'LongValue',
  _file_type: 'StringValue',
  _language_code: 'StringValue',
  _last_updated_at: 'DateValue',
  _source_uri: 'StringValue',
  _version: 'StringValue',
  _view_count: 'LongValue',
};

export interface FailedDocument {
  Id: string;
  ErrorCode: 'InvalidRequest' | 'InternalError';
  ErrorMessage: string;
}

interface DocumentInput {
  Id?: unknown;
  Title?: unknown;
  Blob?: unknown;
  S3Path?: unknown;
  ContentType?: unknown;
  Attributes?: unknown;
  AccessControlList?: unknown;
}

/** Remembers why recent puts failed, so BatchGetDocumentStatus can say FAILED like Kendra. */
export type FailureLog = Map<string, string>;

export function batchPut(index: KendraIndex, failures: FailureLog, body: Record<string, unknown>): { FailedDocuments: FailedDocument[] } {
  const documents = body.Documents;
  if (!Array.isArray(documents) || documents.length === 0) throw KendraError.validation('Documents must contain at least 1 document.');
  if (documents.length > MAX_BATCH) throw KendraError.validation(`Documents can contain at most ${MAX_BATCH} documents; got ${documents.length}.`);
  const inputs = documents as DocumentInput[];
  for (const d of inputs) validateShape(d);

  // Read every document before indexing any, so a refused request changes nothing.
  const prepared = inputs.map((input) => {
    const id = input.Id as string;
    const problem = documentProblem(input);
    if (problem) return { id, input, problem };
    const extracted = extractText(Buffer.from(input.Blob as string, 'base64'), input.ContentType as string | undefined);
    if (!extracted.ok) return { id, input, problem: extracted.message };
    if (Buffer.byteLength(extracted.text) > MAX_TEXT_BYTES) {
      throw KendraError.validation(`Document ${id} has more than 5 MB of text; Kendra indexes at most 5 MB of text per document.`);
    }
    return { id, input, text: extracted.text, title: typeof input.Title === 'string' ? input.Title : extracted.title };
  });

  const failed: FailedDocument[] = [];
  for (const p of prepared) {
    if (p.problem !== undefined) {
      failed.push({ Id: p.id, ErrorCode: 'InvalidRequest', ErrorMessage: p.problem });
      failures.set(p.id, p.problem);
      continue;
    }
    failures.delete(p.id);
    index.put({
      Id: p.id,
      ...(p.title !== undefined ? { Title: p.title } : {}),
      ContentType: (p.input.ContentType as string | undefined) ?? 'PLAIN_TEXT',
      Text: p.text ?? '',
      Attributes: (p.input.Attributes as DocumentAttribute[] | undefined) ?? [],
      AccessControlList: (p.input.AccessControlList as Principal[] | undefined) ?? [],
      IndexedAt: new Date().toISOString(),
    });
  }
  return { FailedDocuments: failed };
}

/** Shape errors refuse the whole request, as Kendra's request validation does. */
function validateShape(d: DocumentInput): void {
  if (!d || typeof d !== 'object') throw KendraError.validation('Each document must be an object.');
  if (typeof d.Id !== 'string' || d.Id.length < 1 || d.Id.length > MAX_ID) {
    throw KendraError.validation(`Document Id must be a string of 1 to ${MAX_ID} characters.`);
  }
  if (d.Title !== undefined && typeof d.Title !== 'string') throw KendraError.validation(`Title of document ${d.Id} must be a string.`);
  if (d.ContentType !== undefined && !CONTENT_TYPES.has(d.ContentType as string)) {
    throw KendraError.validation(`ContentType of document ${d.Id} must be one of ${[...CONTENT_TYPES].join(', ')}.`);
  }
  if (d.Blob !== undefined) {
    if (typeof d.Blob !== 'string') throw KendraError.validation(`Blob of document ${d.Id} must be base64 text.`);
    if ((d.Blob.length * 3) / 4 > MAX_BLOB_BYTES) throw KendraError.validation(`Document ${d.Id} is larger than 50 MB.`);
  }
  if (d.Attributes !== undefined) {
    if (!Array.isArray(d.Attributes)) throw KendraError.validation(`Attributes of document ${d.Id} must be a list.`);
    for (const a of d.Attributes as Array<Partial<DocumentAttribute>>) {
      if (!a || typeof a.Key !== 'string' || a.Key.length < 1 || a.Key.length > 200) {
        throw KendraError.validation(`Attribute keys of document ${d.Id} must be strings of 1 to 200 characters.`);
      }
      const problem = valueProblem(a.Value);
      if (problem) throw KendraError.validation(`Attribute ${a.Key} of document ${d.Id}: the value ${problem}.`);
    }
  }
  if (d.AccessControlList !== undefined) {
    if (!Array.isArray(d.AccessControlList)) throw KendraError.validation(`AccessControlList of document ${d.Id} must be a list.`);
    if (d.AccessControlList.length > MAX_ACL) throw KendraError.validation(`AccessControlList of document ${d.Id} has more than ${MAX_ACL} entries.`);
    for (const p of d.AccessControlList as Array<Partial<Principal>>) {
      if (!p || typeof p.Name !== 'string' || p.Name.length < 1 || (p.Type !== 'USER' && p.Type !== 'GROUP') || (p.Access !== 'ALLOW' && p.Access !== 'DENY')) {
        throw KendraError.validation(`Each AccessControlList entry of document ${d.Id} needs a Name, a Type of USER or GROUP and an Access of ALLOW or DENY.`);
      }
    }
  }
}

/** Problems Kendra reports per document in FailedDocuments rather than failing the call. */
function documentProblem(d: DocumentInput): string | null {
  if (d.S3Path !== undefined) {
    return 'The local Kendra index cannot read S3Path documents; send the document text as a Blob.';
  }
  if (d.Blob === undefined) return 'The document has neither a Blob nor an S3Path.';
  for (const a of (d.Attributes as DocumentAttribute[] | undefined) ?? []) {
    if (!a.Key.startsWith('_')) continue;
    const wanted = RESERVED[a.Key];
    if (!wanted) return `${a.Key} is not a reserved document attribute of the index.`;
    if (a.Value[wanted] === undefined) return `The reserved attribute ${a.Key} takes a ${wanted}.`;
  }
  return null;
}

export function batchDelete(index: KendraIndex, failures: FailureLog, body: Record<string, unknown>): { FailedDocuments: FailedDocument[] } {
  const ids = idList(body.DocumentIdList, 'DocumentIdList');
  for (const id of ids) {
    index.delete(id);
    failures.delete(id);
  }
  return { FailedDocuments: [] };
}

/** `processing`: report indexed documents as still PROCESSING (an injected fault; the local index is instant). */
export function batchGetStatus(
  index: KendraIndex,
  failures: FailureLog,
  body: Record<string, unknown>,
  options: { processing?: boolean } = {},
): Record<string, unknown> {
  const list = body.DocumentInfoList;
  if (!Array.isArray(list)) throw KendraError.validation('DocumentInfoList must be a list of 1 to 10 documents.');
  const ids = idList(list.map((d: { DocumentId?: unknown } | null) => d?.DocumentId), 'DocumentInfoList');
  return {
    Errors: [],
    DocumentStatusList: ids.map((id) => {
      if (index.get(id)) return { DocumentId: id, DocumentStatus: options.processing ? 'PROCESSING' : 'INDEXED' };
      const failure = failures.get(id);
      if (failure) return { DocumentId: id, DocumentStatus: 'FAILED', FailureCode: 'InvalidRequest', FailureReason: failure };
      return { DocumentId: id, DocumentStatus: 'NOT_FOUND' };
    }),
  };
}

function idList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BATCH) {
    throw KendraError.validation(`${name} must contain 1 to ${MAX_BATCH} document ids.`);
  }
  for (const id of value) {
    if (typeof id !== 'string' || id.length < 1 || id.length > MAX_ID) {
      throw KendraError.validation(`Each document id in ${name} must be a string of 1 to ${MAX_ID} characters.`);
    }
  }
  return value as string[];
}
