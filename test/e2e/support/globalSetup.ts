// Runs `npm start` (the local stack and the Vite dev server) once for the end-to-end suite.
import type { TestProject } from 'vitest/node';
import { runNpmStart, type RunningApp } from '../../../scripts/runNpmStart.ts';

let app: RunningApp | undefined;

export async function setup(project: TestProject): Promise<void> {
  app = await runNpmStart({
    env: {
      LOCAL_LLM_TTFT_MS: process.env.E2E_LLM_TTFT_MS ?? '150',
      LOCAL_LLM_TOKENS_PER_S: process.env.E2E_LLM_TOKENS_PER_S ?? '80',
    },
    timeoutMs: 90_000,
  });
  project.provide('appUrl', app.appUrl);
  project.provide('stackUrl', app.stackUrl);
}

export async function teardown(): Promise<void> {
  await app?.stop();
}
