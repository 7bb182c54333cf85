// Loads config.json from a file or URL and says, field by field, whether the browser can use it.
import { readFile } from 'node:fs/promises';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import { fail, pass, type Check } from './check.ts';

export async function loadConfigSource(source: string): Promise<unknown> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${source} answered ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

const REQUIRED = [
  'region',
  'userPoolId',
  'userPoolClientId',
  'identityPoolId',
  'bucket',
  'table',
  'bedrockRegion',
  'defaultModelId',
] as const satisfies readonly (keyof RuntimeConfig)[];

/** The same rules the app applies at start-up, reported as problems rather than thrown. */
export function configProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['not a JSON object'];
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of REQUIRED) {
    if (typeof o[key] !== 'string' || (o[key] as string).trim() === '') problems.push(`${key} is missing`);
  }
  if (typeof o.userPoolId === 'string' && !/^[\w-]+_[0-9a-zA-Z]+$/.test(o.userPoolId)) {
    problems.push('userPoolId must look like <region>_<id>');
  }
  if (typeof o.identityPoolId === 'string' && !/^[\w-]+:[0-9a-f-]+$/.test(o.identityPoolId)) {
    problems.push('identityPoolId must look like <region>:<uuid>');
  }
  if (typeof o.userPoolId === 'string' && typeof o.region === 'string' && !o.userPoolId.startsWith(`${o.region}_`)) {
    problems.push(`userPoolId is not in region ${o.region}`);
  }
  const authFlow = o.authFlow ?? 'USER_SRP_AUTH';
  if (authFlow !== 'USER_SRP_AUTH' && authFlow !== 'USER_PASSWORD_AUTH') problems.push('authFlow is not a known flow');
  if (o.kendra !== null && o.kendra !== undefined) {
    const k = o.kendra as Record<string, unknown>;
    if (typeof k !== 'object' || typeof k.indexId !== 'string' || typeof k.region !== 'string') {
      problems.push('kendra must be null or { indexId, region }');
    }
  }
  const endpoint = o.endpoint ?? null;
  if (endpoint !== null && (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint))) {
    problems.push('endpoint must be null or an http(s) URL');
  }
  if (o.allowedModelIds !== undefined) {
    const allowed = o.allowedModelIds;
    if (!Array.isArray(allowed) || allowed.some((m) => typeof m !== 'string')) {
      problems.push('allowedModelIds must be a list of model ids');
    }
  }
  return problems;
}

export function checkConfig(input: unknown, source: string): { check: Check; config: RuntimeConfig | null } {
  const problems = configProblems(input);
  if (problems.length > 0) return { check: fail('config', `${source}: ${problems.join('; ')}`), config: null };
  const c = input as RuntimeConfig;
  const config: RuntimeConfig = { ...c, authFlow: c.authFlow ?? 'USER_SRP_AUTH', kendra: c.kendra ?? null, endpoint: c.endpoint ?? null };
  const where = config.endpoint ? `local endpoint ${config.endpoint}` : `${config.region}, Bedrock ${config.bedrockRegion}`;
  const index = config.kendra ? `Kendra ${config.kendra.region}` : 'no Kendra (document Q&A off)';
  return { check: pass('config', `${source} is complete (${where}; ${index})`), config };
}
