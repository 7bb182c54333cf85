// Which emulated service a request is for: by SigV4 signing name (Authorization header or the
// X-Amz-Credential query of a presigned URL), else by X-Amz-Target, else by a few unsigned paths.
import type { IncomingMessage } from 'node:http';
import type { ServiceName } from './services/types.ts';

export interface Route {
  service: ServiceName;
  operation: string;
  accessKeyId?: string;
}

const TARGET_PREFIXES: Array<[string, ServiceName]> = [
  ['AWSCognitoIdentityProviderService.', 'cognito-idp'],
  ['AWSCognitoIdentityService.', 'cognito-identity'],
  ['DynamoDB_20120810.', 'dynamodb'],
  ['AWSKendraFrontendService.', 'kendra'],
];

const SIGNING_NAMES: Record<string, ServiceName> = {
  dynamodb: 'dynamodb',
  s3: 's3',
  bedrock: 'bedrock',
  kendra: 'kendra',
  'cognito-idp': 'cognito-idp',
  'cognito-identity': 'cognito-identity',
};

/** `Credential=AKID/20261121/us-east-1/bedrock/aws4_request` → [AKID, 'bedrock'] */
export function parseCredentialScope(scope: string): [string, string] | undefined {
  const parts = scope.split('/');
  if (parts.length < 5) return undefined;
  return [parts[0]!, parts[3]!];
}

export function signingScope(req: IncomingMessage, url: URL): [string, string] | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /Credential=([^,\s]+)/.exec(auth);
    if (match) return parseCredentialScope(match[1]!);
  }
  const presigned = url.searchParams.get('X-Amz-Credential');
  return presigned ? parseCredentialScope(presigned) : undefined;
}

export function route(req: IncomingMessage, url: URL): Route | undefined {
  const target = String(req.headers['x-amz-target'] ?? '');
  const scope = signingScope(req, url);
  const byTarget = TARGET_PREFIXES.find(([prefix]) => target.startsWith(prefix));
  const service = (scope && SIGNING_NAMES[scope[1]]) ?? byTarget?.[1] ?? unsignedService(req, url);
  if (!service) return undefined;
  const operation = target.includes('.') ? target.slice(target.indexOf('.') + 1) : pathOperation(service, req.method ?? 'GET', url);
  return { service, operation, ...(scope ? { accessKeyId: scope[0] } : {}) };
}

function unsignedService(req: IncomingMessage, url: URL): ServiceName | undefined {
  if (req.method === 'GET' && /^\/[\w-]+_[0-9a-zA-Z]+\/\.well-known\/(jwks\.json|openid-configuration)$/.test(url.pathname)) {
    return 'cognito-idp';
  }
  return undefined;
}

/** Operation names for the REST-style services, used to aim injected faults. */
export function pathOperation(service: ServiceName, method: string, url: URL): string {
  const path = url.pathname;
  if (service === 'bedrock') {
    if (path.endsWith('/invoke-with-response-stream')) return 'InvokeModelWithResponseStream';
    if (path.endsWith('/invoke')) return 'InvokeModel';
    if (path.endsWith('/converse-stream')) return 'ConverseStream';
    if (path.endsWith('/converse')) return 'Converse';
    if (path === '/foundation-models') return 'ListFoundationModels';
    if (path.startsWith('/foundation-models/')) return 'GetFoundationModel';
    if (path.startsWith('/inference-profiles')) return 'ListInferenceProfiles';
    return 'Unknown';
  }
  if (service === 's3') {
    const isObject = path.split('/').filter(Boolean).length > 1;
    const q = url.searchParams;
    if (!isObject) return method === 'GET' ? 'ListObjectsV2' : `${method}Bucket`;
    if (q.has('uploads')) return 'CreateMultipartUpload';
    if (q.has('uploadId')) {
      if (method === 'PUT') return 'UploadPart';
      if (method === 'POST') return 'CompleteMultipartUpload';
      if (method === 'DELETE') return 'AbortMultipartUpload';
    }
    return ({ GET: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject', HEAD: 'HeadObject' } as Record<string, string>)[method] ?? method;
  }
  return 'Unknown';
}
