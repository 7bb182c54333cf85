// Reads an export file back, checking every field, so that what import writes to the table is
// exactly what export wrote and a damaged or foreign file fails with a message naming the field.
// Only known fields are copied: a hand-edited file cannot smuggle extra attributes into items.
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.ts';
import type { Citation, Conversation, Message, StopReason, Timings, Usage } from '../types.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportBundle, type ExportedConversation } from './schema.ts';

/**
 * Why a file was refused. Not (yet) members of ErrorCode: an ImportError carries code `validation`
 * and one of these as `reason`, which the history panel maps to its own text.
 */
export const IMPORT_ERROR_REASONS = ['import-too-large', 'import-not-json', 'import-wrong-format', 'import-unsupported-version', 'import-invalid'] as const;
export type ImportErrorReason = (typeof IMPORT_ERROR_REASONS)[number];

export class ImportError extends AppError {
  readonly reason: ImportErrorReason;
  /** Where in the file, e.g. `conversations[0].messages[3].status`. */
  readonly path?: string;

  constructor(reason: ImportErrorReason, message: string, path?: string) {
    super('validation', { message, retryable: false });
    this.name = 'ImportError';
    this.reason = reason;
    if (path !== undefined) this.path = path;
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}

type Json = Record<string, unknown>;

const ROLES = ['user', 'assistant', 'marker'] as const;
const STATUSES = ['complete', 'partial', 'error'] as const;
const STOP_REASONS: readonly StopReason[] = ['end', 'max-tokens', 'stop-sequence', 'content-filtered', 'other'];
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function invalid(path: string, expected: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60) ?? String(got);
  throw new ImportError('import-invalid', `${path} must be ${expected} (got ${shown})`, path);
}

function object(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid(path, 'an object', value);
  return value as Json;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'a string', value);
  return value;
}

function string(o: Json, key: string, path: string, { empty = true } = {}): string {
  const value = text(o[key], join(path, key));
  if (!empty && value === '') invalid(join(path, key), 'a non-empty string', value);
  return value;
}

function time(o: Json, key: string, path: string): string {
  const value = string(o, key, path);
  if (Number.isNaN(Date.parse(value))) invalid(join(path, key), 'an ISO date-time', value);
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) invalid(path, 'a whole number ≥ 0', value);
  return value;
}

function duration(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(path, 'a number of milliseconds ≥ 0', value);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) invalid(path, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** Copies `key` only when present, so optional fields stay absent rather than becoming undefined. */
function optional<T>(o: Json, key: string, read: (value: unknown, path: string) => T, path: string): T | undefined {
  return o[key] === undefined ? undefined : read(o[key], join(path, key));
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function readConversation(value: unknown, path: string): Conversation {
  const o = object(value, path);
  return {
    id: string(o, 'id', path, { empty: false }),
    title: string(o, 'title', path),
    modelId: string(o, 'modelId', path),
    mode: string(o, 'mode', path),
    createdAt: time(o, 'createdAt', path),
    updatedAt: time(o, 'updatedAt', path),
    messageCount: count(o.messageCount, `${path}.messageCount`),
  };
}

function readUsage(value: unknown, path: string): Usage {
  const o = object(value, path);
  const usage: Usage = {};
  put(usage, 'inputTokens', optional(o, 'inputTokens', count, path));
  put(usage, 'outputTokens', optional(o, 'outputTokens', count, path));
  return usage;
}

function readTimings(value: unknown, path: string): Timings {
  const o = object(value, path);
  const timings: Timings = { totalMs: duration(o.totalMs, `${path}.totalMs`) };
  put(timings, 'ttftMs', optional(o, 'ttftMs', duration, path));
  return timings;
}

function readCitation(value: unknown, path: string): Citation {
  const o = object(value, path);
  const citation: Citation = {
    index: count(o.index, `${path}.index`),
    documentId: string(o, 'documentId', path),
    title: string(o, 'title', path),
  };
  put(citation, 'uri', optional(o, 'uri', text, path));
  put(citation, 'excerpt', optional(o, 'excerpt', text, path));
  put(citation, 'page', optional(o, 'page', count, path));
  return citation;
}

/** A code this version does not know (a newer app's) is kept as `unknown` rather than refusing the file. */
function readErrorCode(value: unknown, path: string): ErrorCode {
  if (typeof value !== 'string') invalid(path, 'an error code', value);
  return KNOWN_CODES.has(value) ? (value as ErrorCode) : 'unknown';
}

function readMessage(value: unknown, path: string, conversationId: string): Message {
  const o = object(value, path);
  const message: Message = {
    id: string(o, 'id', path, { empty: false }),
    conversationId: string(o, 'conversationId', path),
    role: oneOf(o.role, ROLES, `${path}.role`),
    text: string(o, 'text', path),
    status: oneOf(o.status, STATUSES, `${path}.status`),
    createdAt: time(o, 'createdAt', path),
  };
  if (message.conversationId !== conversationId) {
    invalid(`${path}.conversationId`, `the id of its conversation "${conversationId}"`, message.conversationId);
  }
  put(message, 'marker', optional(o, 'marker', (v, p) => oneOf(v, ['memory-cleared'] as const, p), path));
  put(message, 'modelId', optional(o, 'modelId', text, path));
  put(message, 'mode', optional(o, 'mode', text, path));
  put(message, 'usage', optional(o, 'usage', readUsage, path));
  put(message, 'timings', optional(o, 'timings', readTimings, path));
  put(message, 'stopReason', optional(o, 'stopReason', (v, p) => oneOf(v, STOP_REASONS, p), path));
  put(message, 'errorCode', optional(o, 'errorCode', readErrorCode, path));
  put(
    message,
    'citations',
    optional(
      o,
      'citations',
      (v, p) => (Array.isArray(v) ? v.map((c, i) => readCitation(c, `${p}[${i}]`)) : invalid(p, 'a list', v)),
      path,
    ),
  );
  put(message, 'retrieval', optional(o, 'retrieval', (v, p) => oneOf(v, ['grounded', 'no-passages', 'unavailable'] as const, p), path));
  put(message, 'document', optional(o, 'document', readDocumentRef, path));
  return message;
}

function readDocumentRef(value: unknown, path: string): NonNullable<Message['document']> {
  const o = object(value, path);
  return { id: string(o, 'id', path, { empty: false }), fileName: string(o, 'fileName', path) };
}

function readEntry(value: unknown, path: string): ExportedConversation {
  const o = object(value, path);
  const conversation = readConversation(o.conversation, `${path}.conversation`);
  if (!Array.isArray(o.messages)) invalid(`${path}.messages`, 'a list', o.messages);
  const ids = new Set<string>();
  const messages = o.messages.map((m, i) => {
    const message = readMessage(m, `${path}.messages[${i}]`, conversation.id);
    if (ids.has(message.id)) invalid(`${path}.messages[${i}].id`, 'unique within its conversation', message.id);
    ids.add(message.id);
    return message;
  });
  return { conversation, messages };
}

/** Parses and checks an export file. Rejects with ImportError naming what is wrong and where. */
export function parseExport(text: string): ExportBundle {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError('import-not-json', `the file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportError('import-wrong-format', 'the file is not a Seoyeon export (expected a JSON object)');
  }
  const root = data as Json;
  if (root.format !== EXPORT_FORMAT) {
    throw new ImportError('import-wrong-format', `the file is not a Seoyeon export (format is ${JSON.stringify(root.format) ?? 'missing'}, expected "${EXPORT_FORMAT}")`, 'format');
  }
  if (root.version !== EXPORT_VERSION) {
    throw new ImportError(
      'import-unsupported-version',
      `export version ${JSON.stringify(root.version) ?? 'missing'} is not supported (this app reads version ${EXPORT_VERSION})`,
      'version',
    );
  }
  const exportedAt = time(root, 'exportedAt', '');
  if (!Array.isArray(root.conversations)) invalid('conversations', 'a list', root.conversations);
  const seen = new Set<string>();
  const conversations = root.conversations.map((entry, i) => {
    const read = readEntry(entry, `conversations[${i}]`);
    if (seen.has(read.conversation.id)) invalid(`conversations[${i}].conversation.id`, 'unique in the file', read.conversation.id);
    seen.add(read.conversation.id);
    return read;
  });
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, conversations };
}
