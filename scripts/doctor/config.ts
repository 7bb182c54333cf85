// Loads config.json from a file or URL and says, field by field, whether the browser can use it.
import { readFile } from 'node:fs/promises';
import { ConfigError, parseRuntimeConfig, type RuntimeConfig } from '../../src/config/runtimeConfig.ts';
import { fail, pass, type Check } from './check.ts';

export async function loadConfigSource(source: string): Promise<unknown> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${source} answered ${res.status}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8'));
}

/** The same rules the app applies at start-up, reported as problems rather than thrown. */
export function configProblems(input: unknown): string[] {
  try {
    parseRuntimeConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

export function checkConfig(input: unknown, source: string): { check: Check; config: RuntimeConfig | null } {
  const problems = configProblems(input);
  if (problems.length > 0) return { check: fail('config', `${source}: ${problems.join('; ')}`), config: null };
  const config = parseRuntimeConfig(input);
  const where = config.endpoint ? `local endpoint ${config.endpoint}` : `${config.region}, Bedrock ${config.bedrockRegion}`;
  const index = config.kendra ? `Kendra ${config.kendra.region}` : 'no Kendra (document Q&A off)';
  return { check: pass('config', `${source} is complete (${where}; ${index})`), config };
}
