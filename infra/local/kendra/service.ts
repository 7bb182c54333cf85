// The local Amazon Kendra: one index (state.kendraIndexId) over a BM25 search library with a
// Korean-aware tokenizer, token-based ACLs checked against the local user pool's ID tokens, and
// documents kept under <data>/kendra so they survive restarts.
import { join } from 'node:path';
import type { LocalService, ServiceContext } from '../services/types.ts';
import { readJsonBody, sendJson, sendServiceError } from '../http.ts';
import { batchDelete, batchGetStatus, batchPut, type FailureLog } from './documents.ts';
import { KendraError } from './errors.ts';
import { KendraIndex } from './index.ts';
import { query, retrieve, type TokenVerifier } from './search.ts';
import { checkToken } from '../cognito/tokens.ts';

const JSON_11 = 'application/x-amz-json-1.1';

type Operation = (body: Record<string, unknown>) => unknown;

export function createKendraService(ctx: ServiceContext): LocalService {
  const indexId = ctx.state.kendraIndexId;
  const index = new KendraIndex(join(ctx.dataDir, 'kendra'));
  const failures: FailureLog = new Map();
  // Like the index's JWT configuration: any unexpired token the local pool signed is read, and
  // the user name comes from cognito:username, which only the ID token carries.
  const verify: TokenVerifier = (token) => {
    const asId = checkToken(ctx, token, 'id');
    if (asId.ok) return asId.claims;
    const asAccess = checkToken(ctx, token, 'access');
    return asAccess.ok ? asAccess.claims : null;
  };

  const operations: Record<string, Operation> = {
    BatchPutDocument: (body) => batchPut(index, failures, body),
    BatchDeleteDocument: (body) => batchDelete(index, failures, body),
    BatchGetDocumentStatus: (body) => batchGetStatus(index, failures, body, { processing: ctx.faults.takeProcessing() }),
    Retrieve: (body) => retrieve(index, verify, body),
    Query: (body) => query(index, verify, body),
  };

  function checkIndex(body: Record<string, unknown>): void {
    const id = body.IndexId;
    if (typeof id !== 'string' || id.length === 0) throw KendraError.validation('IndexId is required.');
    if (id.length !== 36) throw KendraError.validation(`1 validation error detected: Value '${id}' at 'indexId' failed to satisfy constraint: Member must have length of 36.`);
    if (id !== indexId) throw KendraError.notFound(`Index ${id} does not exist. The local stack serves only index ${indexId}.`);
  }

  return {
    name: 'kendra',
    async handle(req, res, info) {
      const operation = operations[info.operation];
      if (!operation) {
        return sendServiceError(res, 'kendra', { code: 'UnknownOperationException', message: `The local Kendra does not serve ${info.operation}.`, status: 400 });
      }
      const body = await readJsonBody(req);
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return sendServiceError(res, 'kendra', { code: 'SerializationException', message: 'The request body is not a JSON object.', status: 400 });
      }
      try {
        checkIndex(body as Record<string, unknown>);
        sendJson(res, 200, operation(body as Record<string, unknown>), JSON_11);
      } catch (error) {
        if (!(error instanceof KendraError)) throw error;
        sendServiceError(res, 'kendra', error);
      }
    },
    async health() {
      return { state: 'ready', detail: { documents: index.size, indexId } };
    },
    async admin(req, res, path) {
      // GET /_local/kendra/documents lists what is indexed, for a newcomer checking an upload.
      if (path !== 'documents' || req.method !== 'GET') return false;
      const documents = [...index.all()].map((d) => ({
        id: d.Id,
        title: d.Title,
        language: d.language,
        passages: d.passages.length,
        characters: d.Text.length,
        acl: d.AccessControlList,
        indexedAt: d.IndexedAt,
      }));
      sendJson(res, 200, { indexId, documents });
      return true;
    },
  };
}
