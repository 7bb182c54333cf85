// Runs the local Cognito services behind a real HTTP server on port 0, over a temp data dir,
// routed the way the stack routes them, so unit tests speak the wire format.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialRegistry } from '../../../infra/local/credentials.ts';
import { FaultRegistry } from '../../../infra/local/faults.ts';
import { loadKeys } from '../../../infra/local/jwt.ts';
import { route } from '../../../infra/local/routing.ts';
import { loadOrCreateState } from '../../../infra/local/state.ts';
import { createUserPoolService } from '../../../infra/local/cognito/userPool.ts';
import { createIdentityPoolService } from '../../../infra/local/cognito/identityPool.ts';
import type { LocalService, ServiceContext } from '../../../infra/local/services/types.ts';

export interface CognitoHarness {
  url: string;
  ctx: ServiceContext;
  userPool: LocalService;
  identityPool: LocalService;
  logs: string[];
  /** POST one JSON 1.1 call; returns the status and parsed body. */
  call(target: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; errorType: string | null }>;
  idp(op: string, body: Record<string, unknown>): ReturnType<CognitoHarness['call']>;
  identity(op: string, body: Record<string, unknown>): ReturnType<CognitoHarness['call']>;
  close(): Promise<void>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'seoyeon-cognito-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function startCognito(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<CognitoHarness> {
  const { state } = loadOrCreateState(dataDir);
  const logs: string[] = [];
  let baseUrl = '';
  const ctx: ServiceContext = {
    dataDir,
    state,
    faults: new FaultRegistry(),
    credentials: new CredentialRegistry(undefined, 900),
    keys: loadKeys(state.signingKey),
    baseUrl: () => baseUrl,
    env,
    log: (m) => logs.push(m),
  };
  const userPool = createUserPoolService(ctx);
  const identityPool = createIdentityPoolService(ctx);
  const services = { 'cognito-idp': userPool, 'cognito-identity': identityPool } as Record<string, LocalService>;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const done = (async () => {
      if (url.pathname.startsWith('/_local/')) {
        const [name, ...rest] = url.pathname.slice('/_local/'.length).split('/');
        const service = services[name ?? ''];
        if (service?.admin && (await service.admin(req, res, rest.join('/')))) return;
        res.writeHead(404).end();
        return;
      }
      const found = route(req, url);
      const service = found && services[found.service];
      if (!found || !service) {
        res.writeHead(400).end();
        return;
      }
      await service.handle(req, res, { service: found.service, operation: found.operation, method: req.method ?? 'GET', url });
    })();
    done.catch((error: unknown) => {
      logs.push(`handler failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call: CognitoHarness['call'] = async (target, body) => {
    const res = await fetch(`${baseUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, errorType: res.headers.get('x-amzn-errortype') };
  };

  return {
    url: baseUrl,
    ctx,
    userPool,
    identityPool,
    logs,
    call,
    idp: (op, body) => call(`AWSCognitoIdentityProviderService.${op}`, body),
    identity: (op, body) => call(`AWSCognitoIdentityService.${op}`, body),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The payload of a JWT, unverified. */
export function claimsOf(token: unknown): Record<string, unknown> {
  const part = String(token).split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
