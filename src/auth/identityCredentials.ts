// Temporary AWS credentials from the Cognito identity pool for the signed-in user. The provider
// asks for a fresh id token on every refresh, so credentials renew in the middle of a long stream.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentity } from '@smithy/types';
import { identityProviderName, type RuntimeConfig } from '../config/runtimeConfig.ts';

export interface IdentityCredentials {
  identityId: string;
  /** A provider the SDK clients call; it caches and renews before expiry. */
  provider: () => Promise<AwsCredentialIdentity>;
}

/** Renew this long before expiry, so no request is signed with credentials about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;

export async function identityCredentials(
  config: Pick<RuntimeConfig, 'region' | 'userPoolId' | 'identityPoolId' | 'endpoint'>,
  idToken: () => Promise<string>,
  renewBeforeMs = RENEW_BEFORE_MS,
): Promise<IdentityCredentials> {
  const fetchCredentials = fromCognitoIdentityPool({
    clientConfig: { region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) },
    identityPoolId: config.identityPoolId,
    logins: { [identityProviderName(config)]: idToken },
  });
  let current = await fetchCredentials();
  let pending: Promise<typeof current> | undefined;
  const provider = async () => {
    const expiresAt = current.expiration?.getTime() ?? Infinity;
    if (expiresAt - Date.now() > renewBeforeMs) return current;
    pending ??= fetchCredentials().finally(() => (pending = undefined));
    current = await pending;
    return current;
  };
  const identityId = (current as { identityId?: string }).identityId;
  if (!identityId) throw new Error('The identity pool returned credentials without an identity id');
  return { identityId, provider };
}
