// The contract between the local stack's router and each emulated AWS service.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRegistry } from '../faults.ts';
import type { CredentialRegistry } from '../credentials.ts';
import type { TokenKeys } from '../jwt.ts';
import type { LocalState } from '../state.ts';

export type ServiceName = 'dynamodb' | 's3' | 'cognito-idp' | 'cognito-identity' | 'bedrock' | 'kendra';

export const SERVICE_NAMES: readonly ServiceName[] = [
  'dynamodb',
  's3',
  'cognito-idp',
  'cognito-identity',
  'bedrock',
  'kendra',
];

export interface ServiceHealth {
  state: 'ready' | 'starting' | 'failed';
  detail?: Record<string, unknown>;
  error?: string;
}

/** What the router learned about a request before handing it to a service. */
export interface RequestInfo {
  service: ServiceName;
  /** Operation name: the X-Amz-Target suffix, or derived from method and path. */
  operation: string;
  method: string;
  /** Access key id of a SigV4-signed request, if any. */
  accessKeyId?: string;
  /** Identity id bound to that access key by the identity pool, if any. */
  identityId?: string;
  url: URL;
}

export interface LocalService {
  readonly name: ServiceName;
  /** Handle one request. Services that need the raw stream (s3) read `req` themselves. */
  handle(req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<void>;
  health(): Promise<ServiceHealth>;
  /**
   * Local-only helper routes under /_local/<service>/<path> (for tests and the newcomer's terminal),
   * e.g. /_local/cognito-idp/codes/demo. Answer and return true, or return false for a 404.
   */
  admin?(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  close?(): Promise<void>;
}

export interface ServiceContext {
  /** Absolute directory where this stack keeps its data. */
  dataDir: string;
  state: LocalState;
  faults: FaultRegistry;
  credentials: CredentialRegistry;
  keys: TokenKeys;
  /** Public base URL of the stack, e.g. http://127.0.0.1:4566 */
  baseUrl: () => string;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}
