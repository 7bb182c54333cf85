// LOCAL_LLM_URL: a second local stack whose Bedrock forwards to an OpenAI-compatible server. The
// server here is a small fake started by the test, standing in for Ollama / llama.cpp / vLLM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ModelErrorException,
  ModelStreamErrorException,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { adminCredentials } from './support/stack.ts';

interface ChatCall {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream: boolean;
  max_tokens: number;
}

const calls: ChatCall[] = [];
let upstreamClosed: (() => void) | undefined;

function sse(res: ServerResponse, content: string | null, finish: string | null = null): void {
  res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] })}\n\n`);
}

// Behaviour is picked by a word in the last user message.
async function fakeOpenAi(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }));
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatCall;
  calls.push(call);
  const last = call.messages[call.messages.length - 1]!.content;
  if (last.includes('FAIL')) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'model not loaded' } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (last.includes('BREAK')) {
    sse(res, '안녕');
    setTimeout(() => res.destroy(), 20);
    return;
  }
  if (last.includes('SLOW')) {
    res.on('close', () => upstreamClosed?.());
    const timer = setInterval(() => sse(res, ' 단어'), 20);
    res.on('close', () => clearInterval(timer));
    return;
  }
  if (last.includes('LENGTH')) {
    sse(res, 'Too');
    sse(res, ' long', 'length');
  } else {
    sse(res, '', null);
    for (const piece of ['안녕', '하세요', '! 저는', ' 로컬 모델', '이에요.']) sse(res, piece);
    sse(res, null, 'stop');
  }
  res.end('data: [DONE]\n\n');
}

let upstream: Server;
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  upstream = createServer((req, res) => void fakeOpenAi(req, res));
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', ok));
  dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-it-llm-'));
  stack = await startLocalStack({
    port: 0,
    dataDir,
    env: { ...process.env, LOCAL_LLM_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`, LOCAL_LLM_MODEL: '' },
    log: () => {},
  });
});

afterAll(async () => {
  await stack?.close();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

const runtime = () =>
  new BedrockRuntimeClient({ endpoint: stack.url, region: 'us-west-2', credentials: adminCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });

async function streamChunks(modelId: string, body: unknown): Promise<Array<Record<string, unknown>>> {
  const out = await runtime().send(new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body) }));
  const chunks: Array<Record<string, unknown>> = [];
  for await (const event of out.body!) chunks.push(JSON.parse(new TextDecoder().decode(event.chunk!.bytes)) as Record<string, unknown>);
  return chunks;
}

const claude = (text: string, extra: Record<string, unknown> = {}) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 100,
  system: '한국어로 답하라.',
  messages: [
    { role: 'user', content: '첫 질문' },
    { role: 'assistant', content: [{ type: 'text', text: '첫 답' }] },
    { role: 'user', content: [{ type: 'text', text }] },
  ],
  ...extra,
});

describe('Bedrock over LOCAL_LLM_URL', () => {
  it('translates a Claude request to a streamed chat completion and re-emits it as Claude chunks', async () => {
    calls.length = 0;
    const chunks = await streamChunks('us.anthropic.claude-3-5-haiku-20241022-v1:0', claude('안녕?'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      model: 'fake-model',
      stream: true,
      max_tokens: 100,
      messages: [
        { role: 'system', content: '한국어로 답하라.' },
        { role: 'user', content: '첫 질문' },
        { role: 'assistant', content: '첫 답' },
        { role: 'user', content: '안녕?' },
      ],
    });
    const text = chunks.filter((c) => c.type === 'content_block_delta').map((c) => (c.delta as { text: string }).text).join('');
    expect(text).toBe('안녕하세요! 저는 로컬 모델이에요.');
    expect(chunks.map((c) => c.type).slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(chunks[chunks.length - 1]!['amazon-bedrock-invocationMetrics']).toMatchObject({ outputTokenCount: expect.any(Number) });
  });

  it('parses a Llama 3 prompt back into chat messages', async () => {
    calls.length = 0;
    const prompt =
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n짧게 답하라.<|eot_id|>' +
      '<|start_header_id|>user<|end_header_id|>\n\n하나<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n둘<|eot_id|>' +
      '<|start_header_id|>user<|end_header_id|>\n\n셋?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
    const chunks = await streamChunks('meta.llama3-8b-instruct-v1:0', { prompt, max_gen_len: 50 });
    expect(calls[0]!.messages).toEqual([
      { role: 'system', content: '짧게 답하라.' },
      { role: 'user', content: '하나' },
      { role: 'assistant', content: '둘' },
      { role: 'user', content: '셋?' },
    ]);
    expect(calls[0]!.max_tokens).toBe(50);
    expect(chunks.map((c) => c.generation).join('')).toBe('안녕하세요! 저는 로컬 모델이에요.');
    expect(chunks[chunks.length - 1]!.stop_reason).toBe('stop');
  });

  it('maps the server finish_reason "length" to the family stop reason', async () => {
    const out = await runtime().send(new InvokeModelCommand({ modelId: 'amazon.titan-text-lite-v1', body: JSON.stringify({ inputText: 'User: LENGTH\nBot:' }) }));
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { results: Array<{ outputText: string; completionReason: string }> };
    expect(body.results[0]).toMatchObject({ outputText: 'Too long', completionReason: 'LENGTH' });
  });

  it('answers ModelErrorException when the server fails before streaming', async () => {
    const error = await streamChunks('mistral.mistral-large-2407-v1:0', { messages: [{ role: 'user', content: 'FAIL' }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelErrorException);
    expect((error as Error).message).toMatch(/500/);
  });

  it('throws ModelStreamErrorException from the loop when the server stream breaks', async () => {
    const error = await streamChunks('us.amazon.nova-micro-v1:0', { messages: [{ role: 'user', content: [{ text: 'BREAK' }] }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect((error as ModelStreamErrorException).originalStatusCode).toBe(502);
  });

  it('closes the upstream request when the client aborts', async () => {
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const controller = new AbortController();
    const out = await runtime().send(new InvokeModelWithResponseStreamCommand({ modelId: 'mistral.mistral-7b-instruct-v0:2', body: JSON.stringify({ prompt: '<s>[INST] SLOW [/INST]', max_tokens: 10_000 }) }), {
      abortSignal: controller.signal,
    });
    let seen = 0;
    await (async () => {
      for await (const event of out.body!) {
        if (event.chunk) seen += 1;
        if (seen === 3) controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => expect(e).toBeInstanceOf(Error),
    );
    // The slow upstream never ends on its own: this resolves only if the abort reached it.
    await closed;
    expect(seen).toBeGreaterThanOrEqual(3);
  });

  it('names the models after the connected engine', async () => {
    const client = new BedrockClient({ endpoint: stack.url, region: 'us-west-2', credentials: adminCredentials, maxAttempts: 1 });
    const { modelSummaries = [] } = await client.send(new ListFoundationModelsCommand({ byProvider: 'Anthropic' }));
    expect(modelSummaries[0]?.modelName).toMatch(/ · local model via LOCAL_LLM_URL$/);
  });
});
