// Signs in as a real user would: user pool (USER_PASSWORD_AUTH over the JSON API), then the
// identity pool's enhanced flow for the browser role's temporary credentials.
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';

type Credentials = Awaited<ReturnType<ReturnType<typeof fromCognitoIdentityPool>>>;

export interface Session {
  idToken: string;
  username: string;
  identityId: string;
  credentials: Credentials;
}

async function initiateAuth(config: RuntimeConfig, username: string, password: string): Promise<string> {
  const url = config.endpoint ? `${config.endpoint.replace(/\/+$/, '')}/` : `https://cognito-idp.${config.region}.amazonaws.com/`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    __type?: string;
    message?: string;
    Message?: string;
    ChallengeName?: string;
    AuthenticationResult?: { IdToken?: string };
  };
  if (!res.ok) {
    const type = (body.__type ?? `HTTP ${res.status}`).replace(/^.*#/, '');
    throw new Error(`${type}: ${body.message ?? body.Message ?? 'sign-in refused'}`);
  }
  if (body.ChallengeName) throw new Error(`sign-in needs ${body.ChallengeName}; use a doctor account without MFA`);
  const token = body.AuthenticationResult?.IdToken;
  if (!token) throw new Error('sign-in answered without an id token');
  return token;
}

export async function signIn(config: RuntimeConfig, username: string, password: string): Promise<Session> {
  const idToken = await initiateAuth(config, username, password);
  const provider = fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    logins: { [`cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`]: idToken },
    clientConfig: { region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) },
  });
  const credentials = await provider();
  return { idToken, username, identityId: credentials.identityId, credentials };
}
