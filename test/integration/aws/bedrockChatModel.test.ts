import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { BedrockChatModel } from '../../../src/aws/bedrockChatModel.ts';
import { BedrockModelCatalog } from '../../../src/aws/bedrockModelCatalog.ts';
import { invocationId } from '../../../src/domain/models/catalog.ts';
import type { FamilyId } from '../../../src/domain/models/family.ts';
import { familyIdOf } from '../../../src/domain/models/registry.ts';
import { mergeUsage, type StreamEvent, type Usage } from '../../../src/domain/stream.ts';
import type { ModelRequest } from '../../../src/domain/types.ts';
import { addFault, clearFaults } from '../support/stack.ts';
import { adminClients } from './support.ts';

const MATERIAL = '다음 자료만 보고 답하세요.\n\n서연의 사무실은 판교에 있다. 서연은 2024년에 설립되었다.';
const QUESTION = '서연의 사무실은 어디에 있나요?';

function request(modelId: string, question = QUESTION): ModelRequest {
  return {
    modelId,
    prompt: { system: MATERIAL, messages: [{ role: 'user', text: question }] },
    params: { temperature: 0.2, maxTokens: 300 },
  };
}

interface Collected {
  events: StreamEvent[];
  text: string;
  usage: Usage;
  last: StreamEvent | undefined;
}

async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (event: StreamEvent) => void): Promise<Collected> {
  const events: StreamEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    onEvent?.(event);
  }
  let usage: Usage = {};
  for (const event of events) if (event.type === 'usage') usage = mergeUsage(usage, event);
  const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
  return { events, text, usage, last: events[events.length - 1] };
}

let clients: AwsClients;
let model: BedrockChatModel;
/** One invocation id per family, chosen from the local ListFoundationModels. */
const ids = new Map<FamilyId, string>();

beforeAll(async () => {
  clients = await adminClients('us-east-1:00000000-0000-4000-8000-00000000b3d0');
  model = new BedrockChatModel(clients);
  for (const summary of await new BedrockModelCatalog(clients).listModels()) {
    const family = familyIdOf(summary.modelId);
    const id = invocationId(summary, 'us');
    if (family && id && summary.responseStreamingSupported && !ids.has(family)) ids.set(family, id);
  }
});
afterEach(clearFaults);
afterAll(() => clients.destroy());

const FAMILIES: FamilyId[] = ['anthropic', 'llama3', 'llama2', 'titan', 'nova', 'mistral', 'mistral-chat'];

describe('BedrockChatModel against the local Bedrock', () => {
  it('finds a model of every family in the catalogue', () => {
    expect([...ids.keys()].sort()).toEqual([...FAMILIES].sort());
  });

  it.each(FAMILIES)('streams a Korean answer from the material with %s', async (family) => {
    const { events, text, usage, last } = await collect(model.stream(request(ids.get(family)!), new AbortController().signal));
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(0);
    expect(text).toContain('판교');
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(last).toEqual(expect.objectContaining({ type: 'message-end', stopReason: 'end' }));
    expect(events.filter((e) => e.type === 'message-end' || e.type === 'error')).toHaveLength(1);
  });

  it.each(FAMILIES)('answers one non-streamed call with %s', async (family) => {
    const response = await model.complete(request(ids.get(family)!), new AbortController().signal);
    expect(response.text).toContain('판교');
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.stopReason).toBe('end');
  });

  it('ends at once when stopped after the first delta, with no further deltas', async () => {
    const controller = new AbortController();
    let deltasAtStop = -1;
    const { events, last } = await collect(model.stream(request(ids.get('anthropic')!), controller.signal), (event) => {
      if (event.type === 'text-delta' && deltasAtStop < 0) {
        deltasAtStop = 1;
        controller.abort();
      }
    });
    expect(deltasAtStop).toBe(1);
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'message-end')).toHaveLength(0);
    expect(last).toEqual({ type: 'error', error: expect.objectContaining({ code: 'aborted' }) });
  });

  it('cancels the HTTP request when stopped before the first byte', async () => {
    await addFault({ kind: 'delay', service: 'bedrock', operation: 'InvokeModelWithResponseStream', delayMs: 5_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const { events } = await collect(model.stream(request(ids.get('anthropic')!), controller.signal));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'aborted' }) }]);
  });

  it('reports a throttle before the stream as AppError throttled', async () => {
    await addFault({ kind: 'throttle', service: 'bedrock' });
    const { events } = await collect(model.stream(request(ids.get('llama3')!), new AbortController().signal));
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ name: 'AppError', code: 'throttled', retryable: true }) }]);
  });

  it('rejects complete() on a throttle with AppError throttled', async () => {
    await addFault({ kind: 'throttle', service: 'bedrock' });
    await expect(model.complete(request(ids.get('titan')!), new AbortController().signal)).rejects.toMatchObject({
      name: 'AppError',
      code: 'throttled',
    });
  });

  it.each([
    ['throttlingException', 'throttled'],
    ['modelStreamErrorException', 'stream-cut'],
    ['serviceUnavailableException', 'service-unavailable'],
  ] as const)('gives deltas, then the in-stream %s as error %s', async (exception, code) => {
    // Three chunks reach the client (for Claude: message_start, content_block_start, a first delta).
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 3, exception });
    const { events, last } = await collect(model.stream(request(ids.get('anthropic')!), new AbortController().signal));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(events.some((e) => e.type === 'message-end')).toBe(false);
    expect(last).toEqual({ type: 'error', error: expect.objectContaining({ code }) });
  });

  it('reports a dropped connection mid-stream as stream-cut', async () => {
    await addFault({ kind: 'cut', service: 'bedrock', afterChunks: 3 });
    const { events, last } = await collect(model.stream(request(ids.get('nova')!), new AbortController().signal));
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    expect(last).toEqual({ type: 'error', error: expect.objectContaining({ code: 'stream-cut', retryable: true }) });
  });

  it.each([
    ['a model the account does not have', 'anthropic.claude-9-imaginary-v1:0', 'model-not-found'],
    ['a profile-only model by its bare id', 'anthropic.claude-3-5-haiku-20241022-v1:0', 'model-needs-profile'],
    ['a model of no known family', 'cohere.command-r-v1:0', 'unknown-model-family'],
  ])('maps %s to %s', async (_what, modelId, code) => {
    const { events } = await collect(model.stream(request(modelId), new AbortController().signal));
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code }) }]);
  });
});
