// One light, harmless call per service, to show a newcomer which services answer.
import type { AwsClients } from './clients.ts';

export type ServiceId = 'cognito' | 'bedrock' | 'dynamodb' | 's3' | 'kendra';
export type ServiceStatus = { state: 'ok'; models?: number } | { state: 'failed'; error: string } | { state: 'disabled' };

export async function checkServices(clients: AwsClients): Promise<Record<Exclude<ServiceId, 'cognito'>, ServiceStatus>> {
  const { config, identityId } = clients;
  const attempt = async (probe: () => Promise<number | undefined>): Promise<ServiceStatus> => {
    try {
      const models = await probe();
      return models === undefined ? { state: 'ok' } : { state: 'ok', models };
    } catch (error) {
      const e = error as { name?: string; message?: string };
      return { state: 'failed', error: `${e.name ?? 'Error'}: ${e.message ?? String(error)}` };
    }
  };
  const [bedrock, dynamodb, s3, kendra] = await Promise.all([
    attempt(async () => {
      const { ListFoundationModelsCommand } = await import('@aws-sdk/client-bedrock');
      const out = await (await clients.bedrock()).send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }));
      return out.modelSummaries?.length ?? 0;
    }),
    attempt(async () => {
      const { QueryCommand } = await import('@aws-sdk/client-dynamodb');
      await (await clients.dynamodb()).send(
        new QueryCommand({
          TableName: config.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: identityId } },
          Limit: 1,
        }),
      );
      return undefined;
    }),
    attempt(async () => {
      const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      await (await clients.s3()).send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: `private/${identityId}/`, MaxKeys: 1 }));
      return undefined;
    }),
    config.kendra
      ? attempt(async () => {
          const { RetrieveCommand } = await import('@aws-sdk/client-kendra');
          await (await clients.kendra()).send(new RetrieveCommand({ IndexId: config.kendra!.indexId, QueryText: 'health check', PageSize: 1 }));
          return undefined;
        })
      : Promise.resolve<ServiceStatus>({ state: 'disabled' }),
  ]);
  return { bedrock, dynamodb, s3, kendra };
}
