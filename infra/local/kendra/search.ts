// Retrieve and Query: the user context, the language default, filters, paging and result items.
import { randomUUID } from 'node:crypto';
import { KendraError } from './errors.ts';
import { canSee, matchesFilter, validateFilter, withLanguageDefault, type AttributeFilter, type Viewer } from './filters.ts';
import type { IndexedDocument, KendraIndex, PassageHit } from './index.ts';
import { ANSWER_MIN_COVERAGE, queryDocumentItem, retrieveItem } from './results.ts';

/** Verifies a Cognito ID token; returns its claims, or null when it is not valid. */
export type TokenVerifier = (token: string) => Record<string, unknown> | null;

const MAX_RESULTS = 100;
const MAX_QUERY_CHARS = 1000;

export function viewerOf(userContext: unknown, verify: TokenVerifier): Viewer | null {
  if (userContext === undefined || userContext === null) return null;
  if (typeof userContext !== 'object') throw KendraError.validation('UserContext must be an object.');
  const { Token, UserId, Groups, DataSourceGroups } = userContext as Record<string, unknown>;
  if (UserId !== undefined || Groups !== undefined || DataSourceGroups !== undefined) {
    throw KendraError.validation('This index uses token-based user access control (USER_TOKEN); send UserContext.Token, not UserId, Groups or DataSourceGroups.');
  }
  if (Token === undefined) return null;
  if (typeof Token !== 'string' || Token.length === 0) throw KendraError.validation('UserContext.Token must be a non-empty string.');
  const claims = verify(Token);
  if (!claims) throw KendraError.accessDenied('The user token in UserContext.Token is not valid: its signature does not match the user pool key, or it has expired.');
  const user = claims['cognito:username'];
  if (typeof user !== 'string' || user.length === 0) {
    throw KendraError.accessDenied('The user token has no cognito:username claim. Send the Cognito ID token, not the access token.');
  }
  const groups = claims['cognito:groups'];
  return { user, groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [] };
}

interface SearchRequest {
  text: string;
  visible: (d: IndexedDocument) => boolean;
  pageSize: number;
  pageNumber: number;
  requested: string[] | undefined;
}

function parseSearch(body: Record<string, unknown>, verify: TokenVerifier, textRequired: boolean): SearchRequest {
  const text = body.QueryText;
  if (text !== undefined && typeof text !== 'string') throw KendraError.validation('QueryText must be a string.');
  if (textRequired && (text === undefined || text.trim().length === 0)) throw KendraError.validation('QueryText must not be empty.');
  if (text !== undefined && text.length > MAX_QUERY_CHARS) throw KendraError.validation(`QueryText must be at most ${MAX_QUERY_CHARS} characters.`);
  if (body.AttributeFilter !== undefined) validateFilter(body.AttributeFilter);
  const filter = withLanguageDefault(body.AttributeFilter as AttributeFilter | undefined);
  const viewer = viewerOf(body.UserContext, verify);
  const pageSize = intParam(body.PageSize, 'PageSize', 10, 1, MAX_RESULTS);
  const pageNumber = intParam(body.PageNumber, 'PageNumber', 1, 1, MAX_RESULTS);
  const requested = body.RequestedDocumentAttributes;
  if (requested !== undefined && !(Array.isArray(requested) && requested.every((k) => typeof k === 'string'))) {
    throw KendraError.validation('RequestedDocumentAttributes must be a list of attribute keys.');
  }
  return {
    text: text ?? '',
    visible: (d) => canSee(d.AccessControlList, viewer) && matchesFilter(d.attributeMap, filter),
    pageSize,
    pageNumber,
    requested: requested as string[] | undefined,
  };
}

function intParam(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw KendraError.validation(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value as number;
}

function page<T>(items: T[], pageSize: number, pageNumber: number): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

export function retrieve(index: KendraIndex, verify: TokenVerifier, body: Record<string, unknown>): Record<string, unknown> {
  const request = parseSearch(body, verify, true);
  const queryId = randomUUID();
  const hits = index.searchPassages(request.text, request.visible, MAX_RESULTS);
  return { QueryId: queryId, ResultItems: page(hits, request.pageSize, request.pageNumber).map((h) => retrieveItem(h, queryId, request.requested)) };
}

const RESULT_TYPES = new Set(['DOCUMENT', 'QUESTION_ANSWER', 'ANSWER']);

export function query(index: KendraIndex, verify: TokenVerifier, body: Record<string, unknown>): Record<string, unknown> {
  const typeFilter = body.QueryResultTypeFilter;
  if (typeFilter !== undefined && !RESULT_TYPES.has(typeFilter as string)) {
    throw KendraError.validation('QueryResultTypeFilter must be one of DOCUMENT, QUESTION_ANSWER, ANSWER.');
  }
  if ((body.QueryText === undefined || body.QueryText === '') && body.AttributeFilter === undefined) {
    throw KendraError.validation('Query needs QueryText or an AttributeFilter.');
  }
  const request = parseSearch(body, verify, false);
  const queryId = randomUUID();
  const documents = request.text.trim() ? bestPassagePerDocument(index.searchPassages(request.text, request.visible, Number.MAX_SAFE_INTEGER)) : browse(index, request.visible);
  const answerHit = documents[0] && documents[0].coverage >= ANSWER_MIN_COVERAGE && request.text.trim() ? documents[0] : undefined;

  const items: Array<Record<string, unknown>> = [];
  // The answer is Kendra's suggested answer, shown once, above the first page of documents.
  if (answerHit && request.pageNumber === 1 && (typeFilter === undefined || typeFilter === 'ANSWER')) {
    items.push(queryDocumentItem(answerHit, queryId, request.requested, 'ANSWER'));
  }
  if (typeFilter === undefined || typeFilter === 'DOCUMENT') {
    const limited = documents.slice(0, MAX_RESULTS);
    items.push(...page(limited, request.pageSize, request.pageNumber).map((h) => queryDocumentItem(h, queryId, request.requested, 'DOCUMENT')));
  }
  const total = typeFilter === 'QUESTION_ANSWER' ? 0 : typeFilter === 'ANSWER' ? (answerHit ? 1 : 0) : documents.length;
  return { QueryId: queryId, ResultItems: items, FacetResults: [], TotalNumberOfResults: total, Warnings: [], SpellCorrectedQueries: [], FeaturedResultsItems: [] };
}

function bestPassagePerDocument(hits: PassageHit[]): PassageHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.document.Id) && seen.add(h.document.Id));
}

/** A query with only an AttributeFilter lists matching documents, each by its first passage. */
function browse(index: KendraIndex, visible: (d: IndexedDocument) => boolean): PassageHit[] {
  return [...index.all()]
    .filter(visible)
    .map((document) => ({ document, ordinal: 0, text: document.passages[0] ?? '', score: 0, coverage: 0, terms: new Set<string>() }));
}
