// The runtime configuration, fetched from /config.json at start-up (never baked into the bundle),
// so one build serves the local stack and any deployment. Only this folder reads it.

export type AuthFlow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export interface KendraConfig {
  indexId: string;
  region: string;
}

export interface RuntimeConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  identityPoolId: string;
  authFlow: AuthFlow;
  bucket: string;
  table: string;
  bedrockRegion: string;
  defaultModelId: string;
  /** Model ids (or inference profile ids) this deployment allows; empty means "whatever the catalogue lists". */
  allowedModelIds?: string[];
  kendra: KendraConfig | null;
  /** One endpoint for every service (the local stack), or null for the real AWS endpoints. */
  endpoint: string | null;
  /** Largest file a user may upload, in megabytes (default 50); read it with maxUploadBytes(). */
  maxUploadMb?: number;
  /** Set by the local stack so the UI can say it is talking to the offline stand-in. */
  local?: boolean;
}

export const DEFAULT_MAX_UPLOAD_MB = 50;

export function maxUploadBytes(config: Pick<RuntimeConfig, 'maxUploadMb'>): number {
  return Math.floor((config.maxUploadMb ?? DEFAULT_MAX_UPLOAD_MB) * 1024 * 1024);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config.json is not valid: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const REQUIRED_STRINGS = [
  'region',
  'userPoolId',
  'userPoolClientId',
  'identityPoolId',
  'bucket',
  'table',
  'bedrockRegion',
  'defaultModelId',
] as const;

/** Check an untrusted value against the config shape; lists every problem at once. */
export function parseRuntimeConfig(input: unknown): RuntimeConfig {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError(['expected a JSON object']);
  }
  const o = input as Record<string, unknown>;
  for (const key of REQUIRED_STRINGS) {
    if (typeof o[key] !== 'string' || (o[key] as string).trim() === '') problems.push(`${key} is missing`);
  }
  if (typeof o.userPoolId === 'string' && !/^[\w-]+_[0-9a-zA-Z]+$/.test(o.userPoolId)) {
    problems.push('userPoolId must look like <region>_<id>');
  }
  if (typeof o.userPoolId === 'string' && typeof o.region === 'string' && o.region !== '' && !o.userPoolId.startsWith(`${o.region}_`)) {
    problems.push(`userPoolId is not in region ${o.region}`);
  }
  if (typeof o.identityPoolId === 'string' && !/^[\w-]+:[0-9a-f-]+$/.test(o.identityPoolId)) {
    problems.push('identityPoolId must look like <region>:<uuid>');
  }
  const authFlow = o.authFlow ?? 'USER_SRP_AUTH';
  if (authFlow !== 'USER_SRP_AUTH' && authFlow !== 'USER_PASSWORD_AUTH') {
    problems.push('authFlow must be USER_SRP_AUTH or USER_PASSWORD_AUTH');
  }
  let kendra: KendraConfig | null = null;
  if (o.kendra !== null && o.kendra !== undefined) {
    const k = o.kendra as Record<string, unknown>;
    if (typeof k !== 'object' || typeof k.indexId !== 'string' || typeof k.region !== 'string') {
      problems.push('kendra must be null or { indexId, region }');
    } else {
      kendra = { indexId: k.indexId, region: k.region };
    }
  }
  const endpoint = o.endpoint ?? null;
  if (endpoint !== null && (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint))) {
    problems.push('endpoint must be null or an http(s) URL');
  }
  const allowed = o.allowedModelIds;
  if (allowed !== undefined && (!Array.isArray(allowed) || allowed.some((m) => typeof m !== 'string'))) {
    problems.push('allowedModelIds must be a list of model ids');
  }
  const maxUploadMb = o.maxUploadMb;
  if (maxUploadMb !== undefined && (typeof maxUploadMb !== 'number' || !(maxUploadMb > 0) || maxUploadMb > 5 * 1024 * 1024)) {
    problems.push('maxUploadMb must be a positive number of megabytes');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    region: o.region as string,
    userPoolId: o.userPoolId as string,
    userPoolClientId: o.userPoolClientId as string,
    identityPoolId: o.identityPoolId as string,
    authFlow: authFlow as AuthFlow,
    bucket: o.bucket as string,
    table: o.table as string,
    bedrockRegion: o.bedrockRegion as string,
    defaultModelId: o.defaultModelId as string,
    ...(allowed !== undefined ? { allowedModelIds: allowed as string[] } : {}),
    kendra,
    endpoint: endpoint as string | null,
    ...(maxUploadMb !== undefined ? { maxUploadMb: maxUploadMb as number } : {}),
    ...(o.local === true ? { local: true } : {}),
  };
}

/** The Logins key the identity pool expects for an id token of this user pool. */
export function identityProviderName(config: Pick<RuntimeConfig, 'region' | 'userPoolId'>): string {
  return `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
}
