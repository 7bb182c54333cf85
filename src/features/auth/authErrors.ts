import type { MessageKey } from '../../i18n/i18n.ts';

const KNOWN = new Set([
  'NotAuthorizedException',
  'UserNotConfirmedException',
  'UsernameExistsException',
  'InvalidPasswordException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'LimitExceededException',
  'TooManyRequestsException',
  'UserNotFoundException',
  'InvalidParameterException',
  'PasswordResetRequiredException',
]);

/** The catalog key that explains a sign-in failure, by the error's Cognito code. */
export function authErrorKey(error: unknown): { key: MessageKey; message: string } {
  const e = error as { code?: string; name?: string; message?: string } | undefined;
  const code = e?.code ?? e?.name ?? '';
  const message = e?.message ?? String(error);
  if (KNOWN.has(code)) return { key: `auth.error.${code}` as MessageKey, message };
  if (code === 'network') return { key: 'auth.error.network', message };
  return { key: 'auth.error.unknown', message };
}
