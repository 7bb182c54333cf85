// Faults injected through POST /_local/faults, as the app's retry and error paths meet them.
import { afterEach, describe, expect, it } from 'vitest';
import {
  BedrockRuntimeClient,
  InternalServerException,
  InvokeModelWithResponseStreamCommand,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { addFault, adminCredentials, clearFaults, stackUrl } from './support/stack.ts';
import { DEFAULT_LOCAL_MODEL_ID } from '../../infra/local/bedrock/catalog.ts';

const runtime = () =>
  new BedrockRuntimeClient({ endpoint: stackUrl(), region: 'us-west-2', credentials: adminCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });

const BODY = JSON.stringify({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 300,
  system: '서연은 한국어 우선 챗봇이다. 서연의 사무실은 판교에 있다. 직원은 열두 명이다.',
  messages: [{ role: 'user', content: '서연의 사무실은 어디에 있나요?' }],
});

interface Outcome {
  chunks: Array<{ type: string }>;
  error?: unknown;
  /** Whether the error came from send() (before the stream) or from the for-await loop. */
  phase?: 'send' | 'stream';
}

async function consume(modelId = DEFAULT_LOCAL_MODEL_ID, body = BODY): Promise<Outcome> {
  const chunks: Outcome['chunks'] = [];
  let out;
  try {
    out = await runtime().send(new InvokeModelWithResponseStreamCommand({ modelId, body }));
  } catch (error) {
    return { chunks, error, phase: 'send' };
  }
  try {
    for await (const event of out.body!) chunks.push(JSON.parse(new TextDecoder().decode(event.chunk!.bytes)) as { type: string });
  } catch (error) {
    return { chunks, error, phase: 'stream' };
  }
  return { chunks };
}

afterEach(clearFaults);

describe('Bedrock faults', () => {
  it('throttles before the stream starts, then serves the next call', async () => {
    await addFault({ kind: 'throttle', service: 'bedrock', operation: 'InvokeModelWithResponseStream' });
    const throttled = await consume();
    expect(throttled.phase).toBe('send');
    expect(throttled.error).toBeInstanceOf(ThrottlingException);
    const next = await consume();
    expect(next.error).toBeUndefined();
    expect(next.chunks[next.chunks.length - 1]?.type).toBe('message_stop');
  });

  it('fails with 500 and 503 as InternalServerException and ServiceUnavailableException', async () => {
    await addFault({ kind: 'error', service: 'bedrock', status: 500 });
    await addFault({ kind: 'error', service: 'bedrock', status: 503 });
    const first = await consume();
    expect(first.error).toBeInstanceOf(InternalServerException);
    expect((first.error as InternalServerException).$metadata.httpStatusCode).toBe(500);
    const second = await consume();
    expect(second.error).toBeInstanceOf(ServiceUnavailableException);
  });

  it('delays a call', async () => {
    await addFault({ kind: 'delay', service: 'bedrock', delayMs: 300 });
    const started = Date.now();
    const delayed = await consume();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(delayed.error).toBeUndefined();
    const quick = Date.now();
    await consume();
    expect(Date.now() - quick).toBeLessThan(290);
  });

  it.each([0, 1, 4])('cuts the stream after exactly %i chunks with a ThrottlingException', async (k) => {
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: k, exception: 'throttlingException' });
    const cut = await consume();
    // The SDK reads the first frame inside send(), so a cut before any chunk throws from there.
    expect(cut.phase).toBe(k === 0 ? 'send' : 'stream');
    expect(cut.error).toBeInstanceOf(ThrottlingException);
    expect(cut.chunks).toHaveLength(k);
  });

  it('cuts with a ModelStreamErrorException carrying the original status', async () => {
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 3, exception: 'modelStreamErrorException' });
    const cut = await consume();
    expect(cut.chunks.map((c) => c.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(cut.error).toBeInstanceOf(ModelStreamErrorException);
    expect((cut.error as ModelStreamErrorException).originalStatusCode).toBe(500);
    expect((cut.error as ModelStreamErrorException).originalMessage).toMatch(/injected fault/);
  });

  it('never lets an armed cut complete the stream, even past the end of a short answer', async () => {
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 500, exception: 'throttlingException' });
    const cut = await consume();
    expect(cut.error).toBeInstanceOf(ThrottlingException);
    expect(cut.chunks.length).toBeGreaterThan(3);
    expect(cut.chunks.map((c) => c.type)).not.toContain('message_stop');
  });

  it('drops the connection after K chunks when the cut names no exception', async () => {
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 2 });
    const cut = await consume();
    expect(cut.phase).toBe('stream');
    expect(cut.error).toBeInstanceOf(Error);
    expect(cut.chunks).toHaveLength(2);
    // The stack is still healthy afterwards.
    const next = await consume();
    expect(next.error).toBeUndefined();
  });

  it('stops generating when the client aborts mid-stream and keeps serving', async () => {
    const controller = new AbortController();
    const out = await runtime().send(new InvokeModelWithResponseStreamCommand({ modelId: DEFAULT_LOCAL_MODEL_ID, body: BODY }), {
      abortSignal: controller.signal,
    });
    let seen = 0;
    const aborted = await (async () => {
      for await (const event of out.body!) {
        expect(event.chunk?.bytes).toBeDefined();
        seen += 1;
        if (seen === 2) controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toBeGreaterThanOrEqual(2);
    // Depending on what was buffered, the SDK either ends the loop quietly or throws an AbortError.
    if (aborted !== undefined) expect((aborted as Error).name).toMatch(/Abort/);
    const health = (await (await fetch(`${stackUrl()}/_local/health`)).json()) as { services: { bedrock: { state: string } } };
    expect(health.services.bedrock.state).toBe('ready');
    expect((await consume()).error).toBeUndefined();
  });
});
