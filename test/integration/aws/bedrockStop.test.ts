// Stop while the model is still producing: this file runs its own local stack whose offline engine
// streams slowly (the shared one answers instantly, so there "mid-stream" means "already buffered").
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack.ts';
import { BedrockChatModel } from '../../../src/aws/bedrockChatModel.ts';
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';
import type { StreamEvent } from '../../../src/domain/stream.ts';
import { adminCredentials } from '../support/stack.ts';

const TOKENS_PER_SECOND = 2;
let stack: LocalStack;
let dataDir: string;
// Our own agent, so the test can see whether the request's socket is still open after Stop.
const agent = new Agent({ keepAlive: false });
let client: BedrockRuntimeClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-stop-'));
  stack = await startLocalStack({
    port: 0,
    dataDir,
    env: { ...process.env, LOCAL_LLM_TTFT_MS: '0', LOCAL_LLM_TOKENS_PER_S: String(TOKENS_PER_SECOND), LOCAL_LLM_URL: '' },
    log: () => {},
  });
  const config = (await (await fetch(`${stack.url}/_local/config`)).json()) as RuntimeConfig;
  client = new BedrockRuntimeClient({
    region: config.bedrockRegion,
    endpoint: stack.url,
    credentials: adminCredentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  });
});

afterAll(async () => {
  client?.destroy();
  agent.destroy();
  await stack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('ends at once when stopped in the middle of a slow answer, with no further deltas', async () => {
  const model = new BedrockChatModel({ bedrockRuntime: async () => client });
  const controller = new AbortController();
  const material = '서연의 사무실은 판교에 있고, 직원들은 매일 아침 아홉 시에 모여 그날의 일을 함께 정한다.';
  const events: StreamEvent[] = [];
  let stoppedAt = 0;
  for await (const event of model.stream(
    {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      prompt: { system: material, messages: [{ role: 'user', text: '서연의 사무실과 아침 일과를 알려 주세요.' }] },
      params: { temperature: 0, maxTokens: 300 },
    },
    controller.signal,
  )) {
    events.push(event);
    if (event.type === 'text-delta' && stoppedAt === 0) {
      stoppedAt = Date.now();
      controller.abort();
    }
  }
  const endedAfterMs = Date.now() - stoppedAt;
  // The next token would take 1000 / TOKENS_PER_SECOND ms; the stream must not wait for it.
  expect(stoppedAt).toBeGreaterThan(0);
  expect(endedAfterMs).toBeLessThan(1000 / TOKENS_PER_SECOND / 2);
  expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
  expect(events[events.length - 1]).toEqual({ type: 'error', error: expect.objectContaining({ code: 'aborted' }) });
  // The abort reached the HTTP request: its socket is gone, the server is not still streaming to us.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(Object.values(agent.sockets).flat()).toHaveLength(0);
});
