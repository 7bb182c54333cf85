import { parseRuntimeConfig, type RuntimeConfig } from './runtimeConfig.ts';

/** Fetch /config.json at start-up; one build serves every deployment. */
export async function loadRuntimeConfig(url = '/config.json'): Promise<RuntimeConfig> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new Error(`${url} is not JSON`);
  }
  return parseRuntimeConfig(body);
}
