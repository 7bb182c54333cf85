// DynamoDB: dynalite (DynamoDB on LevelDB) embedded, behind the same per-user rule the deployed
// IAM role enforces, so a query for another identity's items fails here as it would on AWS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { readBody, sendServiceError } from '../http.ts';
import type { LocalService, ServiceContext } from './types.ts';
import { checkLeadingKeys } from './dynamodbPolicy.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function createDynamoDbService(ctx: ServiceContext): LocalService & { ready: Promise<void> } {
  const path = join(ctx.dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const handler = server.listeners('request')[0] as Handler;
  // dynalite closes its LevelDB store only through server.close(), which needs a listening
  // server, so it listens on a private loopback port that nothing else uses.
  const ready = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    name: 'dynamodb',
    ready,
    async handle(req, res, info) {
      const body = await readBody(req);
      if (info.identityId) {
        const denied = checkLeadingKeys(info.operation, body, { identityId: info.identityId, table: ctx.state.table });
        if (denied) {
          sendServiceError(res, 'dynamodb', { code: 'AccessDeniedException', message: denied, status: 400 });
          return;
        }
      }
      handler(replay(req, body), res);
    },
    async health() {
      return { state: 'ready', detail: { engine: 'dynalite', table: ctx.state.table } };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A request whose body was already read, handed on as a fresh stream with the same headers. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const stream = Readable.from(body.length > 0 ? [body] : []) as unknown as IncomingMessage;
  Object.assign(stream, { headers: req.headers, method: req.method, url: req.url });
  return stream;
}
