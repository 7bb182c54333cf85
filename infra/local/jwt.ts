// RS256 JSON Web Tokens for the local user pool. The key pair is made on first start and kept
// in the data directory, so tokens stay valid across restarts.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface TokenKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK set, as served at /<poolId>/.well-known/jwks.json */
  jwks(): { keys: Array<Record<string, unknown>> };
  sign(claims: Record<string, unknown>): string;
  /** Returns the claims when the signature is ours and the token has not expired; otherwise null. */
  verify(token: string, nowSeconds?: number): Record<string, unknown> | null;
}

export interface StoredKeyPair {
  kid: string;
  privatePem: string;
}

export function generateKeyPair(): StoredKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `local-${Date.now().toString(36)}`;
  return { kid, privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function loadKeys(stored: StoredKeyPair): TokenKeys {
  const privateKey = createPrivateKey(stored.privatePem);
  const publicKey = createPublicKey(privateKey);
  const { kid } = stored;
  return {
    kid,
    privateKey,
    publicKey,
    jwks() {
      const jwk = publicKey.export({ format: 'jwk' });
      return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
    },
    sign(claims) {
      const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const body = b64url(JSON.stringify(claims));
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${body}`), privateKey);
      return `${header}.${body}.${b64url(signature)}`;
    },
    verify(token, nowSeconds = Math.floor(Date.now() / 1000)) {
      const parts = token.split('.');
      if (parts.length !== 3) return null;
      const [header, body, signature] = parts as [string, string, string];
      try {
        const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
        if (head.alg !== 'RS256' || head.kid !== kid) return null;
        const ok = verify('RSA-SHA256', Buffer.from(`${header}.${body}`), publicKey, Buffer.from(signature, 'base64url'));
        if (!ok) return null;
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
        if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) return null;
        return claims;
      } catch {
        return null;
      }
    },
  };
}
