// The local AWS stack: one HTTP endpoint that routes each request to an emulated service.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import { ADMIN_CREDENTIALS, CredentialRegistry } from './credentials.ts';
import { FaultRegistry, parseFaultSpec } from './faults.ts';
import { Cors, DEFAULT_DEV_ORIGINS, readJsonBody, sendJson, sendServiceError, serverError, throttlingError } from './http.ts';
import { loadKeys } from './jwt.ts';
import { route } from './routing.ts';
import { loadOrCreateState } from './state.ts';
import { createDynamoDbService } from './services/dynamodb.ts';
import { createS3Service } from './services/s3.ts';
import { createUserPoolService, DEMO_USER } from './cognito/userPool.ts';
import { createIdentityPoolService } from './cognito/identityPool.ts';
import { createBedrockService } from './bedrock/service.ts';
import { createKendraService } from './kendra/service.ts';
import { DEFAULT_LOCAL_MODEL_ID } from './bedrock/catalog.ts';
import type { LocalService, ServiceContext, ServiceHealth, ServiceName } from './services/types.ts';

export interface LocalStackOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** Settings such as LOCAL_LLM_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Browser origins allowed by CORS. */
  origins?: readonly string[];
  log?: (message: string) => void;
}

export interface LocalStack {
  url: string;
  port: number;
  dataDir: string;
  config: RuntimeConfig;
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

export interface HealthReport {
  status: 'ready' | 'degraded';
  services: Record<ServiceName, ServiceHealth>;
}

export { DEMO_USER };

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir ?? env.LOCAL_AWS_DATA ?? '.local-aws');
  mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? ((m: string) => console.log(m));
  const origins = options.origins ?? [
    ...DEFAULT_DEV_ORIGINS,
    ...String(env.LOCAL_AWS_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  ];
  const cors = new Cors(new Set(origins));
  const { state } = loadOrCreateState(dataDir);
  let baseUrl = '';
  const ctx: ServiceContext = {
    dataDir,
    state,
    faults: new FaultRegistry(),
    credentials: new CredentialRegistry(join(dataDir, 'credentials.json'), Number(env.LOCAL_AWS_CREDENTIALS_TTL_S ?? 3600)),
    keys: loadKeys(state.signingKey),
    baseUrl: () => baseUrl,
    env,
    log,
  };

  const dynamodb = createDynamoDbService(ctx);
  const s3 = createS3Service(ctx, origins);
  const services = new Map<ServiceName, LocalService>(
    [dynamodb, s3, createUserPoolService(ctx), createIdentityPoolService(ctx), createBedrockService(ctx), createKendraService(ctx)].map(
      (s) => [s.name, s],
    ),
  );
  await Promise.all([dynamodb.ready, s3.ready]);

  const config = (): RuntimeConfig => ({
    region: state.region,
    userPoolId: state.userPoolId,
    userPoolClientId: state.userPoolClientId,
    identityPoolId: state.identityPoolId,
    authFlow: 'USER_PASSWORD_AUTH',
    bucket: state.bucket,
    table: state.table,
    bedrockRegion: state.bedrockRegion,
    defaultModelId: env.LOCAL_DEFAULT_MODEL_ID ?? DEFAULT_LOCAL_MODEL_ID,
    kendra: { indexId: state.kendraIndexId, region: state.kendraRegion },
    endpoint: baseUrl,
    local: true,
  });

  const health = async (): Promise<HealthReport> => {
    const entries = await Promise.all(
      [...services.values()].map(async (s): Promise<[ServiceName, ServiceHealth]> => {
        try {
          return [s.name, await s.health()];
        } catch (error) {
          return [s.name, { state: 'failed', error: String(error) }];
        }
      }),
    );
    const report = Object.fromEntries(entries) as Record<ServiceName, ServiceHealth>;
    return { status: entries.every(([, h]) => h.state === 'ready') ? 'ready' : 'degraded', services: report };
  };

  async function handleLocal(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice('/_local/'.length);
    if (path === 'health' && req.method === 'GET') return sendJson(res, 200, await health());
    if (path === 'config' && req.method === 'GET') return sendJson(res, 200, config(), 'application/json', { 'cache-control': 'no-store' });
    if (path === 'faults') {
      if (req.method === 'GET') return sendJson(res, 200, { faults: ctx.faults.list() });
      if (req.method === 'DELETE') {
        ctx.faults.clear();
        return sendJson(res, 200, { faults: [] });
      }
      if (req.method === 'POST') {
        const spec = parseFaultSpec(await readJsonBody(req));
        if (typeof spec === 'string') return sendJson(res, 400, { message: spec });
        ctx.faults.add(spec);
        return sendJson(res, 201, { faults: ctx.faults.list() });
      }
    }
    const [serviceName, ...rest] = path.split('/');
    const service = services.get(serviceName as ServiceName);
    if (service?.admin && (await service.admin(req, res, rest.join('/')))) return;
    sendJson(res, 404, { message: `no local route ${req.method} ${url.pathname}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'OPTIONS') return cors.preflight(req, res);
    cors.decorate(req, res);
    if (url.pathname.startsWith('/_local/')) return handleLocal(req, res, url);
    const found = route(req, url);
    if (!found) {
      return sendJson(res, 400, { message: `The local AWS stack cannot tell which service ${req.method} ${url.pathname} is for.` });
    }
    const service = services.get(found.service)!;
    let identityId: string | undefined;
    if (found.accessKeyId) {
      const check = ctx.credentials.check(found.accessKeyId);
      if (!check.ok) {
        const status = found.service === 'dynamodb' ? 400 : 403;
        const code = found.service === 's3' ? (check.code === 'ExpiredTokenException' ? 'ExpiredToken' : 'InvalidAccessKeyId') : check.code;
        return sendServiceError(res, found.service, { code, message: check.message, status });
      }
      identityId = check.identityId;
    }
    const fault = ctx.faults.takeForCall(found.service, found.operation);
    if (fault?.kind === 'throttle') return sendServiceError(res, found.service, throttlingError(found.service));
    if (fault?.kind === 'error') return sendServiceError(res, found.service, serverError(found.service, fault.status));
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs));
    await service.handle(req, res, { service: found.service, operation: found.operation, method: req.method ?? 'GET', url, identityId, ...(found.accessKeyId ? { accessKeyId: found.accessKeyId } : {}) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`local AWS: ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: `local AWS stack error: ${String(error)}` });
      else res.destroy();
    });
  });
  // Bedrock streams may run for minutes.
  server.requestTimeout = 0;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? Number(env.LOCAL_AWS_PORT ?? 4566), host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;

  try {
    await ensureTable(baseUrl, state.table, state.region);
  } catch (error) {
    await closeAll();
    throw error;
  }

  async function closeAll(): Promise<void> {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    for (const s of services.values()) await s.close?.();
  }

  return { url: baseUrl, port, dataDir, config: config(), health, close: closeAll };
}

async function ensureTable(endpoint: string, table: string, region: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region, credentials: ADMIN_CREDENTIALS, maxAttempts: 1 });
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * Start the stack and check that every service answers, printing the ready line; on failure,
 * print what does not answer, close the stack and exit, so nobody uses a half-started stack.
 */
export async function startReadyLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const stack = await startLocalStack(options);
  const report = await stack.health();
  if (report.status !== 'ready') {
    for (const [name, h] of Object.entries(report.services)) {
      if (h.state !== 'ready') console.error(`local AWS: ${name} is ${h.state}${h.error ? `: ${h.error}` : ''}`);
    }
    console.error('local AWS failed to start: not every service answers');
    await stack.close();
    process.exit(1);
  }
  console.log(`local AWS ready on ${stack.url}`);
  return stack;
}
