// The one place an error code becomes user-facing text (the catalog holds a ko and en message for
// every code; the type below fails to compile if one is missing).
import type { ErrorCode } from '../../domain/errors.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

export function errorKey(code: ErrorCode): MessageKey {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}
