import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, toAppError, type ErrorCode, type ErrorScope } from '../../../src/domain/errors.ts';

const named = (name: string, message = 'x', extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name }, extra);

describe('toAppError', () => {
  const cases: Array<[string, unknown, ErrorScope | undefined, ErrorCode, boolean]> = [
    ['ThrottlingException', named('ThrottlingException', 'Too many requests', { $fault: 'client' }), 'model', 'throttled', true],
    ['ModelStreamErrorException', named('ModelStreamErrorException', 'boom', { originalStatusCode: 500 }), 'model', 'stream-cut', true],
    ['ValidationException', named('ValidationException', 'Malformed input request'), 'model', 'validation', false],
    [
      'ValidationException for a profile-only model',
      named('ValidationException', "Invocation of model ID anthropic.claude-sonnet-4 with on-demand throughput isn't supported."),
      'model',
      'model-needs-profile',
      false,
    ],
    ['ValidationException, input too long', named('ValidationException', 'Input is too long for requested model.'), 'model', 'context-too-long', false],
    ['AccessDeniedException from Bedrock', named('AccessDeniedException'), 'model', 'model-access-denied', false],
    ['AccessDeniedException from DynamoDB', named('AccessDeniedException'), 'storage', 'access-denied', false],
    ['ResourceNotFoundException from Bedrock', named('ResourceNotFoundException'), 'model', 'model-not-found', false],
    ['ResourceNotFoundException from Kendra', named('ResourceNotFoundException'), 'index', 'kendra-unavailable', false],
    ['ServiceUnavailableException from Kendra stays passing', named('ServiceUnavailableException'), 'index', 'service-unavailable', true],
    ['ExpiredTokenException', named('ExpiredTokenException'), 'storage', 'session-expired', false],
    ['ExpiredToken (S3)', named('ExpiredToken'), 'storage', 'session-expired', false],
    ['NotAuthorizedException (identity pool)', named('NotAuthorizedException', 'Invalid login token. Token expired'), 'auth', 'session-expired', false],
    ['ServiceUnavailableException', named('ServiceUnavailableException'), 'model', 'service-unavailable', true],
    ['ModelTimeoutException', named('ModelTimeoutException'), 'model', 'model-timeout', true],
    ['AbortError (DOMException)', new DOMException('The operation was aborted.', 'AbortError'), 'model', 'aborted', false],
    ['TypeError Failed to fetch (Chrome)', new TypeError('Failed to fetch'), undefined, 'offline', true],
    ['TypeError NetworkError (Firefox)', new TypeError('NetworkError when attempting to fetch resource.'), undefined, 'offline', true],
    ['TypeError Load failed (Safari)', new TypeError('Load failed'), undefined, 'offline', true],
    ['Node ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), undefined, 'offline', true],
    ['an unnamed 429', Object.assign(new Error('?'), { $metadata: { httpStatusCode: 429 } }), 'model', 'throttled', true],
    ['a plain TypeError is a bug, not the network', new TypeError('x is not a function'), undefined, 'unknown', false],
    ['a string', 'weird', undefined, 'unknown', false],
  ];

  it.each(cases)('%s → code and retryable', (_label, error, scope, code, retryable) => {
    const mapped = toAppError(error, scope);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.cause).toBe(error);
  });

  it('keeps the SDK message and passes an AppError through unchanged', () => {
    expect(toAppError(named('ThrottlingException', 'slow down')).message).toBe('slow down');
    const original = new AppError('upload-too-large');
    expect(toAppError(original, 'model')).toBe(original);
  });

  it('lets a caller override retryable', () => {
    expect(new AppError('throttled', { retryable: false }).retryable).toBe(false);
  });

  it('has no duplicate codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
