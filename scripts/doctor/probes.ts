// Calls made with the browser role's credentials: each allowed model answers one token, the
// user's own partition and prefix are reachable, and the Kendra index answers a search.
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { KendraClient, QueryCommand as KendraQueryCommand, RetrieveCommand } from '@aws-sdk/client-kendra';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import { baseId, oneTokenBody, profileIdFor } from './bodies.ts';
import { describeError, fail, pass, skip, type Check } from './check.ts';
import type { Session } from './signin.ts';

const endpointOf = (config: RuntimeConfig): { endpoint?: string } => (config.endpoint ? { endpoint: config.endpoint } : {});

/** The default model first, then every other allowed model once. */
export function modelsToCheck(config: RuntimeConfig): string[] {
  const ids = [config.defaultModelId, ...(config.allowedModelIds ?? [])];
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = baseId(id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const needsProfile = (err: unknown): boolean =>
  (err as { name?: string }).name === 'ValidationException' && /inference profile/i.test((err as Error).message);

export async function checkModel(config: RuntimeConfig, session: Session, modelId: string): Promise<Check> {
  const name = `model ${modelId}`;
  const client = new BedrockRuntimeClient({
    region: config.bedrockRegion,
    ...endpointOf(config),
    credentials: session.credentials,
    requestHandler: new NodeHttpHandler({ requestTimeout: 30_000 }),
    maxAttempts: 2,
  });
  const invoke = (id: string) =>
    client.send(
      new InvokeModelCommand({
        modelId: id,
        contentType: 'application/json',
        accept: 'application/json',
        body: new TextEncoder().encode(JSON.stringify(oneTokenBody(id))),
      }),
    );
  try {
    let used = modelId;
    try {
      await invoke(modelId);
    } catch (err) {
      if (!needsProfile(err) || modelId !== baseId(modelId)) throw err;
      // Newer models run only through a cross-region profile; that is how the app calls them too.
      used = profileIdFor(modelId, config.bedrockRegion);
      await invoke(used);
    }
    return pass(name, `answered one token${used === modelId ? '' : ` through ${used}`}`);
  } catch (err) {
    const e = err as { name?: string };
    const hint =
      e.name === 'AccessDeniedException'
        ? ' — enable access to this model in the Bedrock console (Model access) for the account and region, or drop it from allowedModels'
        : e.name === 'ResourceNotFoundException'
          ? ` — not offered in ${config.bedrockRegion}`
          : '';
    return fail(name, `${describeError(err)}${hint}`);
  } finally {
    client.destroy();
  }
}

export async function checkOwnData(config: RuntimeConfig, session: Session): Promise<Check[]> {
  const dynamo = new DynamoDBClient({ region: config.region, ...endpointOf(config), credentials: session.credentials });
  const s3 = new S3Client({
    region: config.region,
    ...endpointOf(config),
    credentials: session.credentials,
    forcePathStyle: Boolean(config.endpoint),
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const checks: Check[] = [];
  try {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: config.table,
        KeyConditionExpression: 'pk = :me',
        ExpressionAttributeValues: { ':me': { S: session.identityId } },
        Limit: 1,
      }),
    );
    checks.push(pass('DynamoDB own items', `Query on ${config.table} for this identity answered (${out.Count ?? 0} item)`));
  } catch (err) {
    checks.push(fail('DynamoDB own items', describeError(err)));
  }
  try {
    const prefix = `private/${session.identityId}/`;
    const out = await s3.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: prefix, MaxKeys: 1 }));
    checks.push(pass('S3 own prefix', `listed s3://${config.bucket}/${prefix} (${out.KeyCount ?? 0} key)`));
  } catch (err) {
    checks.push(fail('S3 own prefix', describeError(err)));
  } finally {
    dynamo.destroy();
    s3.destroy();
  }
  return checks;
}

export async function checkKendra(config: RuntimeConfig, session: Session | null, whyNoSession = ''): Promise<Check> {
  const name = 'Kendra index';
  if (!config.kendra) return skip(name, 'kendra is null: document Q&A is off (chat, upload and summaries work)');
  // The browser role may not call DescribeIndex; a signed-in search is what proves the index ACTIVE.
  if (!session) return skip(name, `needs a signed-in user: ${whyNoSession}`);
  const { indexId, region } = config.kendra;
  const client = new KendraClient({ region, ...endpointOf(config), credentials: session.credentials });
  const request = {
    IndexId: indexId,
    QueryText: '서연 doctor',
    PageSize: 1,
    AttributeFilter: { EqualsTo: { Key: '_language_code', Value: { StringValue: 'ko' } } },
    UserContext: { Token: session.idToken },
  };
  try {
    try {
      const out = await client.send(new RetrieveCommand(request));
      return pass(name, `${indexId} in ${region} is ACTIVE: Retrieve answered (${out.ResultItems?.length ?? 0} passage)`);
    } catch (err) {
      // Query works on every edition; fall back only when Retrieve itself is refused.
      if ((err as { name?: string }).name !== 'ValidationException') throw err;
      const out = await client.send(new KendraQueryCommand(request));
      return pass(name, `${indexId} in ${region} is ACTIVE: Query answered (${out.TotalNumberOfResults ?? 0} result)`);
    }
  } catch (err) {
    return fail(name, `${indexId} in ${region}: ${describeError(err)}`);
  } finally {
    client.destroy();
  }
}
