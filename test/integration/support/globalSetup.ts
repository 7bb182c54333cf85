// Starts one local AWS stack for the whole integration run, over a fresh data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let stack: LocalStack | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-it-'));
  stack = await startLocalStack({
    port: 0,
    dataDir,
    env: { ...process.env, LOCAL_LLM_TTFT_MS: '0', LOCAL_LLM_TOKENS_PER_S: '0', LOCAL_LLM_URL: '' },
    log: () => {},
  });
  project.provide('localAwsUrl', stack.url);
  project.provide('localAwsDataDir', dataDir);
}

export async function teardown(): Promise<void> {
  await stack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
