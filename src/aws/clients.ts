// Every AWS SDK client is made here, once per credential set, from the runtime config. The SDK
// modules load on first use, so the sign-in screen does not wait for them.
//
// The chat's two clients (DynamoDB for the question, Bedrock for the answer) sign with SHA-256 in
// JavaScript: Web Crypto answers each digest in a separate task, so a request signed with it waits
// behind whatever rendering is queued; a small request hashes in well under a millisecond in JS and
// goes out in the same task. S3 keeps Web Crypto (large bodies).
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { KendraClient } from '@aws-sdk/client-kendra';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { RuntimeConfig } from '../config/runtimeConfig.ts';

export interface AwsClients {
  readonly config: RuntimeConfig;
  readonly identityId: string;
  bedrockRuntime(): Promise<BedrockRuntimeClient>;
  bedrock(): Promise<BedrockClient>;
  dynamodb(): Promise<DynamoDBClient>;
  s3(): Promise<S3Client>;
  /** Rejects when the deployment has no Kendra index. */
  kendra(): Promise<KendraClient>;
  destroy(): void;
}

type Destroyable = { destroy(): void };

export function createAwsClients(
  config: RuntimeConfig,
  identityId: string,
  credentials: () => Promise<AwsCredentialIdentity>,
): AwsClients {
  const made: Destroyable[] = [];
  const endpoint = config.endpoint ? { endpoint: config.endpoint } : {};
  const once = <T extends Destroyable>(make: () => Promise<T>): (() => Promise<T>) => {
    let client: Promise<T> | undefined;
    return () =>
      (client ??= make().then((c) => {
        made.push(c);
        return c;
      }));
  };

  return {
    config,
    identityId,
    bedrockRuntime: once(async () => {
      const [{ BedrockRuntimeClient }, { Sha256Js }] = await Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@smithy/core/checksum')]);
      // Retries are the app's own (backoff before the first token only), never the SDK's.
      return new BedrockRuntimeClient({ region: config.bedrockRegion, credentials, maxAttempts: 1, sha256: Sha256Js, ...endpoint });
    }),
    bedrock: once(async () => {
      const { BedrockClient } = await import('@aws-sdk/client-bedrock');
      return new BedrockClient({ region: config.bedrockRegion, credentials, ...endpoint });
    }),
    dynamodb: once(async () => {
      const [{ DynamoDBClient }, { Sha256Js }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('@smithy/core/checksum')]);
      return new DynamoDBClient({ region: config.region, credentials, sha256: Sha256Js, ...endpoint });
    }),
    s3: once(async () => {
      const { S3Client } = await import('@aws-sdk/client-s3');
      return new S3Client({
        region: config.region,
        credentials,
        // Browser File bodies break with the SDK's default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
      });
    }),
    kendra: once(async () => {
      if (!config.kendra) throw new Error('This deployment has no Kendra index');
      const { KendraClient } = await import('@aws-sdk/client-kendra');
      return new KendraClient({ region: config.kendra.region, credentials, ...endpoint });
    }),
    destroy() {
      for (const c of made.splice(0)) c.destroy();
    },
  };
}
