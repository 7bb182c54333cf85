// One error type for the whole app. Adapters turn whatever they catch into an AppError with
// toAppError; the UI maps `code` to a Korean/English message in one place (the i18n catalog).

export const ERROR_CODES = [
  // model calls
  'throttled',
  'quota-exceeded',
  'stream-cut',
  'model-not-found',
  'model-access-denied',
  'model-needs-profile',
  'model-not-ready',
  'model-timeout',
  'model-error',
  'context-too-long',
  'unknown-model-family',
  'invalid-response',
  // requests and sessions
  'validation',
  'access-denied',
  'not-found',
  'session-expired',
  'offline',
  'service-unavailable',
  'aborted',
  // documents and retrieval
  'kendra-unavailable',
  'upload-too-large',
  'unsupported-file',
  'file-encrypted',
  'file-corrupt',
  'file-no-text',
  'file-password-wrong',
  'file-empty',
  'file-binary',
  'unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes where the same request may succeed a moment later. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'throttled',
  'stream-cut',
  'model-not-ready',
  'model-timeout',
  'offline',
  'service-unavailable',
]);

export interface AppErrorOptions {
  message?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * Which service raised the error. The same AWS name means different things to the user:
 * AccessDeniedException from Bedrock means "this model is not enabled", from S3 it means "not yours".
 */
export type ErrorScope = 'model' | 'storage' | 'index' | 'auth';

// Keyed by the `name` the SDK gives its exception classes (and the codes S3/Cognito use), so the
// domain needs no SDK import.
const BY_NAME: Readonly<Record<string, ErrorCode>> = {
  ThrottlingException: 'throttled',
  TooManyRequestsException: 'throttled',
  ProvisionedThroughputExceededException: 'throttled',
  RequestLimitExceeded: 'throttled',
  SlowDown: 'throttled',
  ServiceQuotaExceededException: 'quota-exceeded',
  ModelStreamErrorException: 'stream-cut',
  ModelNotReadyException: 'model-not-ready',
  ModelTimeoutException: 'model-timeout',
  ModelErrorException: 'model-error',
  ValidationException: 'validation',
  AccessDeniedException: 'access-denied',
  AccessDenied: 'access-denied',
  ResourceNotFoundException: 'not-found',
  NoSuchKey: 'not-found',
  ExpiredTokenException: 'session-expired',
  ExpiredToken: 'session-expired',
  NotAuthorizedException: 'session-expired',
  UnrecognizedClientException: 'session-expired',
  InvalidIdentityPoolConfigurationException: 'session-expired',
  ServiceUnavailableException: 'service-unavailable',
  ServiceUnavailable: 'service-unavailable',
  InternalServerException: 'service-unavailable',
  InternalServerError: 'service-unavailable',
  InternalFailure: 'service-unavailable',
  AbortError: 'aborted',
  EntityTooLarge: 'upload-too-large',
};

const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  401: 'session-expired',
  403: 'access-denied',
  404: 'not-found',
  408: 'model-timeout',
  413: 'upload-too-large',
  429: 'throttled',
  500: 'service-unavailable',
  502: 'service-unavailable',
  503: 'service-unavailable',
  504: 'service-unavailable',
};

// Browsers word a failed fetch differently: Chrome "Failed to fetch", Firefox "NetworkError when
// attempting to fetch resource.", Safari "Load failed"; Node's fetch says "fetch failed".
const NETWORK_MESSAGE = /failed to fetch|networkerror|load failed|fetch failed|network ?error/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);

function field(e: object, key: string): unknown {
  return (e as Record<string, unknown>)[key];
}

function baseCode(e: object): ErrorCode {
  const name = typeof field(e, 'name') === 'string' ? (field(e, 'name') as string) : '';
  const message = typeof field(e, 'message') === 'string' ? (field(e, 'message') as string) : '';
  const byName = BY_NAME[name];
  if (byName === 'validation') {
    if (/on-demand throughput/i.test(message)) return 'model-needs-profile';
    if (/too long|too many (input )?tokens|context (length|window)|prompt is too large/i.test(message)) {
      return 'context-too-long';
    }
  }
  if (byName) return byName;
  if (name === 'TypeError' && NETWORK_MESSAGE.test(message)) return 'offline';
  if (name === 'NetworkingError' || name === 'TimeoutError') return 'offline';
  const nodeCode = field(e, 'code');
  if (typeof nodeCode === 'string' && NETWORK_CODES.has(nodeCode)) return 'offline';
  const metadata = field(e, '$metadata');
  const status =
    metadata && typeof metadata === 'object' ? field(metadata, 'httpStatusCode') : field(e, 'statusCode');
  if (typeof status === 'number' && BY_STATUS[status]) return BY_STATUS[status];
  return 'unknown';
}

function scoped(code: ErrorCode, scope: ErrorScope | undefined): ErrorCode {
  if (scope === 'model') {
    if (code === 'access-denied') return 'model-access-denied';
    if (code === 'not-found') return 'model-not-found';
  }
  // A missing index or no permission on it means retrieval is not available here at all; a 503 stays
  // a passing outage that a retry may fix.
  if (scope === 'index' && (code === 'not-found' || code === 'access-denied')) {
    return 'kendra-unavailable';
  }
  return code;
}

/** Turns anything thrown (SDK exception, DOMException, TypeError from fetch, string) into an AppError. */
export function toAppError(e: unknown, scope?: ErrorScope): AppError {
  if (e instanceof AppError) return e;
  if (e === null || typeof e !== 'object') {
    return new AppError('unknown', { message: String(e), cause: e });
  }
  const code = scoped(baseCode(e), scope);
  const message = field(e, 'message');
  return new AppError(code, { message: typeof message === 'string' && message ? message : code, cause: e });
}
