// Node-side AwsClients for the adapters under test: the real SDK clients, pointed at the local
// stack, with either the admin key or one user's identity-pool credentials.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KendraClient } from '@aws-sdk/client-kendra';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsClients } from '../../../src/aws/clients.ts';
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';
import { signIn } from '../../../scripts/doctor/signin.ts';
import { adminCredentials, localConfig, stackUrl } from '../support/stack.ts';

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** `config.endpoint` says which local stack (the shared one, or one a test started itself). */
export function nodeClients(config: RuntimeConfig, identityId: string, credentials: Credentials): AwsClients {
  const endpoint = config.endpoint ?? stackUrl();
  const made: Array<{ destroy(): void }> = [];
  const keep = <T extends { destroy(): void }>(client: T): T => {
    made.push(client);
    return client;
  };
  const bedrockRuntime = keep(
    new BedrockRuntimeClient({
      region: config.bedrockRegion,
      endpoint,
      credentials,
      maxAttempts: 1,
      // The Node default is HTTP/2, which the HTTP/1.1 local stack refuses.
      requestHandler: new NodeHttpHandler(),
    }),
  );
  const bedrock = keep(new BedrockClient({ region: config.bedrockRegion, endpoint, credentials, maxAttempts: 1 }));
  const dynamodb = keep(new DynamoDBClient({ region: config.region, endpoint, credentials, maxAttempts: 1 }));
  const s3 = keep(
    new S3Client({
      region: config.region,
      endpoint,
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  const kendra = config.kendra
    ? keep(new KendraClient({ region: config.kendra.region, endpoint, credentials, maxAttempts: 1 }))
    : undefined;
  return {
    config,
    identityId,
    bedrockRuntime: async () => bedrockRuntime,
    bedrock: async () => bedrock,
    dynamodb: async () => dynamodb,
    s3: async () => s3,
    kendra: async () => {
      if (!kendra) throw new Error('no Kendra index');
      return kendra;
    },
    destroy: () => made.splice(0).forEach((client) => client.destroy()),
  };
}

/** Admin-key clients acting as `identityId` (the admin key bypasses the per-user rule). */
export async function adminClients(identityId: string): Promise<AwsClients> {
  return nodeClients(await localConfig(), identityId, adminCredentials);
}

export interface SignedInUser {
  username: string;
  identityId: string;
  idToken: string;
  clients: AwsClients;
}

/** A confirmed user signed in with USER_PASSWORD_AUTH, holding its own identity-pool credentials. */
export async function signedInUser(username: string): Promise<SignedInUser> {
  const config = await localConfig();
  const password = 'Passw0rd!seoyeon';
  const created = await fetch(`${stackUrl()}/_local/cognito-idp/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!created.ok) throw new Error(`creating ${username} answered ${created.status}: ${await created.text()}`);
  // The same sign-in `npm run doctor` does: USER_PASSWORD_AUTH, then the identity pool.
  const session = await signIn(config, username, password);
  const { identityId, idToken } = session;
  return { username, identityId, idToken, clients: nodeClients(config, identityId, session.credentials) };
}
