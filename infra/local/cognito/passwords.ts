// Password policy and hashing for the local user pool. The policy mirrors the Cognito default
// that the CDK pool uses (min 8, upper, lower, digit, symbol), so a password accepted locally is
// accepted in AWS too. Hashes are scrypt: this is a dev stack, but its data directory should
// never hold a reusable password in clear text.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
// Cognito's accepted symbol set (space included).
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Why a password breaks the pool's policy, in Cognito's own wording; null when it is fine. */
export function passwordPolicyProblem(password: string): string | null {
  const prefix = 'Password did not conform with policy: ';
  if (password.length < 8) return `${prefix}Password not long enough`;
  if (password.length > 256) return `${prefix}Password is too long`;
  if (!/\p{Lu}/u.test(password)) return `${prefix}Password must have uppercase characters`;
  if (!/\p{Ll}/u.test(password)) return `${prefix}Password must have lowercase characters`;
  if (!/[0-9]/.test(password)) return `${prefix}Password must have numeric characters`;
  if (!SYMBOLS.test(password)) return `${prefix}Password must have symbol characters`;
  return null;
}

function encode(salt: Buffer, key: Buffer): string {
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH));
}

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((ok, fail) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, (error, key) => (error ? fail(error) : ok(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(salt, await derive(password, salt));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
