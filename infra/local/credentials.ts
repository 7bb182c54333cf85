// Temporary credentials issued by the local identity pool, remembered across restarts so that a
// browser session keeps working when the stack is restarted under it.
import { randomBytes } from 'node:crypto';
import { readJson, writeJsonAtomic } from './persist.ts';

export interface IssuedCredentials {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  /** Epoch seconds. */
  expiration: number;
  identityId: string;
}

/** Static key pair that the stack itself, and integration tests, may use for any service. */
export const ADMIN_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export type CredentialCheck =
  | { ok: true; identityId?: string }
  | { ok: false; code: 'UnrecognizedClientException' | 'ExpiredTokenException'; message: string };

export class CredentialRegistry {
  private byKey = new Map<string, IssuedCredentials>();
  private onIssue: (c: IssuedCredentials) => void = () => {};

  constructor(
    private readonly file: string | undefined,
    private readonly ttlSeconds: number,
  ) {
    if (file) {
      for (const c of readJson<IssuedCredentials[]>(file, [])) this.byKey.set(c.accessKeyId, c);
    }
  }

  /** Called with every new key so that services with their own key store (s3rver) learn it. */
  onIssued(listener: (c: IssuedCredentials) => void): void {
    this.onIssue = listener;
    for (const c of this.byKey.values()) listener(c);
  }

  issue(identityId: string, now = Date.now()): IssuedCredentials {
    this.dropExpired(now);
    const creds: IssuedCredentials = {
      accessKeyId: `ASIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
      secretKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(48).toString('base64'),
      expiration: Math.floor(now / 1000) + this.ttlSeconds,
      identityId,
    };
    this.byKey.set(creds.accessKeyId, creds);
    this.onIssue(creds);
    this.save();
    return creds;
  }

  check(accessKeyId: string, now = Date.now()): CredentialCheck {
    if (accessKeyId === ADMIN_CREDENTIALS.accessKeyId) return { ok: true };
    const c = this.byKey.get(accessKeyId);
    if (!c) {
      return {
        ok: false,
        code: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      };
    }
    if (c.expiration * 1000 <= now) {
      return { ok: false, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' };
    }
    return { ok: true, identityId: c.identityId };
  }

  private dropExpired(now: number): void {
    // Keep recently expired keys for a while so that their requests get "expired", not "invalid".
    const horizon = now - 24 * 3600 * 1000;
    for (const [k, c] of this.byKey) if (c.expiration * 1000 < horizon) this.byKey.delete(k);
  }

  private save(): void {
    if (this.file) writeJsonAtomic(this.file, [...this.byKey.values()]);
  }
}
