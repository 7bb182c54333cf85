// Helpers for integration tests: where the shared local stack runs, and its test-only controls.
import { inject } from 'vitest';
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';
import type { FaultSpec } from '../../../infra/local/faults.ts';
import { ADMIN_CREDENTIALS } from '../../../infra/local/credentials.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    localAwsUrl: string;
    localAwsDataDir: string;
  }
}

export const adminCredentials = { ...ADMIN_CREDENTIALS };

export function stackUrl(): string {
  return inject('localAwsUrl');
}

export async function localConfig(): Promise<RuntimeConfig> {
  const res = await fetch(`${stackUrl()}/_local/config`);
  if (!res.ok) throw new Error(`GET /_local/config answered ${res.status}`);
  return (await res.json()) as RuntimeConfig;
}

export async function addFault(spec: FaultSpec): Promise<void> {
  const res = await fetch(`${stackUrl()}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  if (!res.ok) throw new Error(`POST /_local/faults answered ${res.status}: ${await res.text()}`);
}

export async function clearFaults(): Promise<void> {
  const res = await fetch(`${stackUrl()}/_local/faults`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`DELETE /_local/faults answered ${res.status}`);
}
