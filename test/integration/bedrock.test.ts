// The local Bedrock through the real SDK clients: every family's stream, model ids, errors.
import { describe, expect, it } from 'vitest';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { BedrockClient, GetFoundationModelCommand, ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { adminCredentials, stackUrl } from './support/stack.ts';
import { DEFAULT_LOCAL_MODEL_ID } from '../../infra/local/bedrock/catalog.ts';

const REGION = 'us-west-2';
const runtime = () =>
  new BedrockRuntimeClient({ endpoint: stackUrl(), region: REGION, credentials: adminCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
const control = () => new BedrockClient({ endpoint: stackUrl(), region: REGION, credentials: adminCredentials, maxAttempts: 1 });

type Chunk = Record<string, unknown>;
interface Metrics {
  inputTokenCount: number;
  outputTokenCount: number;
  invocationLatency: number;
  firstByteLatency: number;
}

async function stream(modelId: string, body: unknown): Promise<Chunk[]> {
  const out = await runtime().send(
    new InvokeModelWithResponseStreamCommand({ modelId, body: JSON.stringify(body), contentType: 'application/json', accept: 'application/json' }),
  );
  expect(out.contentType).toBe('application/json');
  const chunks: Chunk[] = [];
  for await (const event of out.body!) chunks.push(JSON.parse(new TextDecoder().decode(event.chunk!.bytes)) as Chunk);
  return chunks;
}

function metricsOf(chunks: Chunk[]): Metrics {
  const withMetrics = chunks.filter((c) => 'amazon-bedrock-invocationMetrics' in c);
  expect(withMetrics).toHaveLength(1);
  expect(chunks[chunks.length - 1]).toBe(withMetrics[0]);
  return withMetrics[0]!['amazon-bedrock-invocationMetrics'] as Metrics;
}

const DOC = '서연은 한국어 우선 챗봇이다. 서연의 사무실은 판교에 있다. 직원은 열두 명이다.';
const QUESTION = '서연의 사무실은 어디에 있나요?';
const ANSWER = '서연의 사무실은 판교에 있다.';

describe('InvokeModelWithResponseStream, one family at a time', () => {
  it('Claude Messages: message_start … message_stop with the answer in text deltas', async () => {
    const chunks = await stream(DEFAULT_LOCAL_MODEL_ID, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 300,
      system: `다음 문서를 참고하세요.\n<document>\n${DOC}\n</document>`,
      messages: [{ role: 'user', content: [{ type: 'text', text: QUESTION }] }],
    });
    const types = chunks.map((c) => c.type);
    expect(types.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const deltas = chunks.filter((c) => c.type === 'content_block_delta') as Array<{ delta: { type: string; text: string } }>;
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.every((d) => d.delta.type === 'text_delta')).toBe(true);
    expect(deltas.map((d) => d.delta.text).join('')).toBe(ANSWER);
    const start = chunks[0] as { message: { model: string; role: string; usage: { input_tokens: number } } };
    expect(start.message.model).toBe('claude-3-5-haiku-20241022');
    const messageDelta = chunks[chunks.length - 2] as { delta: { stop_reason: string }; usage: { output_tokens: number } };
    expect(messageDelta.delta.stop_reason).toBe('end_turn');
    const metrics = metricsOf(chunks);
    expect(metrics.inputTokenCount).toBe(start.message.usage.input_tokens);
    expect(metrics.outputTokenCount).toBe(messageDelta.usage.output_tokens);
    expect(metrics.outputTokenCount).toBeGreaterThan(0);
    expect(metrics.invocationLatency).toBeGreaterThanOrEqual(metrics.firstByteLatency);
  });

  it('Llama 3: generation chunks with running counts, parsed back from the special-token prompt', async () => {
    const prompt =
      `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n${DOC}<|eot_id|>` +
      `<|start_header_id|>user<|end_header_id|>\n\n${QUESTION}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`;
    const chunks = (await stream('us.meta.llama3-3-70b-instruct-v1:0', { prompt, max_gen_len: 256 })) as Array<{
      generation: string;
      prompt_token_count: number | null;
      generation_token_count: number;
      stop_reason: string | null;
    }>;
    expectLlamaShape(chunks);
    expect(chunks.map((c) => c.generation).join('')).toBe(ANSWER);
  });

  it('Llama 2: the same chunks, from an [INST] <<SYS>> prompt', async () => {
    const prompt = `<s>[INST] <<SYS>>\n${DOC}\n<</SYS>>\n\n${QUESTION} [/INST]`;
    const chunks = (await stream('meta.llama2-13b-chat-v1', { prompt, max_gen_len: 256 })) as Parameters<typeof expectLlamaShape>[0];
    expectLlamaShape(chunks);
    expect(chunks.map((c) => c.generation).join('')).toBe(ANSWER);
  });

  it('Titan Text: outputText chunks, inputTextTokenCount first, completionReason FINISH last', async () => {
    const chunks = (await stream('amazon.titan-text-express-v1', {
      inputText: `${DOC}\n\nUser: ${QUESTION}\nBot:`,
      textGenerationConfig: { maxTokenCount: 256, temperature: 0.2, topP: 0.9, stopSequences: [] },
    })) as Array<{ outputText: string; index: number; inputTextTokenCount: number | null; totalOutputTextTokenCount: number | null; completionReason: string | null }>;
    expect(chunks[0]!.inputTextTokenCount).toBeGreaterThan(0);
    expect(chunks.slice(1).every((c) => c.inputTextTokenCount === null)).toBe(true);
    expect(chunks.every((c) => c.index === 0)).toBe(true);
    const last = chunks[chunks.length - 1]!;
    expect(last.completionReason).toBe('FINISH');
    expect(chunks.slice(0, -1).every((c) => c.completionReason === null && c.totalOutputTextTokenCount === null)).toBe(true);
    expect(last.totalOutputTextTokenCount).toBe(metricsOf(chunks as unknown as Chunk[]).outputTokenCount);
    expect(chunks.map((c) => c.outputText).join('')).toBe(ANSWER);
  });

  it('Nova: messageStart, contentBlockDelta…, contentBlockStop, messageStop, metadata', async () => {
    const chunks = await stream('apac.amazon.nova-lite-v1:0', {
      schemaVersion: 'messages-v1',
      system: [{ text: DOC }],
      messages: [{ role: 'user', content: [{ text: QUESTION }] }],
      inferenceConfig: { maxTokens: 256, temperature: 0.7 },
    });
    const keys = chunks.map((c) => Object.keys(c).filter((k) => k !== 'amazon-bedrock-invocationMetrics')[0]);
    expect(keys[0]).toBe('messageStart');
    expect(keys.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(new Set(keys.slice(1, -3))).toEqual(new Set(['contentBlockDelta']));
    const text = chunks
      .filter((c) => 'contentBlockDelta' in c)
      .map((c) => (c.contentBlockDelta as { delta: { text: string } }).delta.text)
      .join('');
    expect(text).toBe(ANSWER);
    expect((chunks[chunks.length - 2] as { messageStop: { stopReason: string } }).messageStop.stopReason).toBe('end_turn');
    const metadata = chunks[chunks.length - 1] as { metadata: { usage: { inputTokens: number; outputTokens: number } } };
    const metrics = metricsOf(chunks);
    expect(metadata.metadata.usage).toMatchObject({ inputTokens: metrics.inputTokenCount, outputTokens: metrics.outputTokenCount });
  });

  it('Mistral text completion: outputs[0].text chunks ending with stop_reason "stop"', async () => {
    const chunks = (await stream('mistral.mixtral-8x7b-instruct-v0:1', {
      prompt: `<s>[INST] ${DOC}\n\n${QUESTION} [/INST]`,
      max_tokens: 256,
      temperature: 0.5,
    })) as Array<{ outputs: Array<{ text: string; stop_reason: string | null }> }>;
    expect(chunks.every((c) => c.outputs.length === 1)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.outputs[0]!.stop_reason === null)).toBe(true);
    expect(chunks[chunks.length - 1]!.outputs[0]!.stop_reason).toBe('stop');
    expect(metricsOf(chunks as unknown as Chunk[]).outputTokenCount).toBeGreaterThan(0);
    expect(chunks.map((c) => c.outputs[0]!.text).join('')).toBe(ANSWER);
  });

  it('Mistral Large 2407 chat: choices[0].message.content chunks and a final usage', async () => {
    const chunks = (await stream('mistral.mistral-large-2407-v1:0', {
      messages: [
        { role: 'system', content: DOC },
        { role: 'user', content: QUESTION },
      ],
      max_tokens: 256,
    })) as Array<{ choices: Array<{ message: { role: string; content: string }; stop_reason: string | null }>; usage?: { completion_tokens: number } }>;
    expect(chunks.every((c) => c.choices[0]!.message.role === 'assistant')).toBe(true);
    const last = chunks[chunks.length - 1]!;
    expect(last.choices[0]!.stop_reason).toBe('stop');
    expect(last.usage?.completion_tokens).toBe(metricsOf(chunks as unknown as Chunk[]).outputTokenCount);
    expect(chunks.map((c) => c.choices[0]!.message.content).join('')).toBe(ANSWER);
  });
});

function expectLlamaShape(
  chunks: Array<{ generation: string; prompt_token_count: number | null; generation_token_count: number; stop_reason: string | null }>,
): void {
  expect(chunks[0]!.prompt_token_count).toBeGreaterThan(0);
  expect(chunks.slice(1).every((c) => c.prompt_token_count === null)).toBe(true);
  const counts = chunks.map((c) => c.generation_token_count);
  expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  expect(chunks.slice(0, -1).every((c) => c.stop_reason === null)).toBe(true);
  const last = chunks[chunks.length - 1]!;
  expect(last.stop_reason).toBe('stop');
  const metrics = metricsOf(chunks as unknown as Chunk[]);
  expect(last.generation_token_count).toBe(metrics.outputTokenCount);
  expect(chunks[0]!.prompt_token_count).toBe(metrics.inputTokenCount);
}

const claudeBody = (text: string, extra: Record<string, unknown> = {}) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 200,
  messages: [{ role: 'user', content: text }],
  ...extra,
});

describe('answers from the offline engine', () => {
  it('answers an English question with the matching sentence of the pasted document', async () => {
    const doc = 'The Seoyeon team meets on Mondays. The office is in Pangyo, near the station. Lunch is at noon.';
    const chunks = await stream('anthropic.claude-3-haiku-20240307-v1:0', claudeBody(`${doc}\n\nWhere is the office?`));
    const text = chunks.filter((c) => c.type === 'content_block_delta').map((c) => (c.delta as { text: string }).text).join('');
    expect(text).toBe('The office is in Pangyo, near the station.');
  });

  it('says honestly, in Korean, that it is the offline engine when nothing matches', async () => {
    const out = await runtime().send(new InvokeModelCommand({ modelId: DEFAULT_LOCAL_MODEL_ID, body: JSON.stringify(claudeBody('안녕하세요! 오늘 기분 어때요?')) }));
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { content: Array<{ text: string }>; stop_reason: string };
    expect(body.content[0]!.text).toContain('오프라인 엔진');
    expect(body.content[0]!.text).toContain('LOCAL_LLM_URL');
    expect(body.stop_reason).toBe('end_turn');
  });

  it('stops at max_tokens with the family stop reason', async () => {
    const chunks = await stream(DEFAULT_LOCAL_MODEL_ID, claudeBody(`${DOC}\n\n${QUESTION}`, { max_tokens: 4 }));
    const messageDelta = chunks.find((c) => c.type === 'message_delta') as { delta: { stop_reason: string }; usage: { output_tokens: number } };
    expect(messageDelta.delta.stop_reason).toBe('max_tokens');
    expect(messageDelta.usage.output_tokens).toBe(4);
    const text = chunks.filter((c) => c.type === 'content_block_delta').map((c) => (c.delta as { text: string }).text).join('');
    expect(ANSWER.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(ANSWER.length);
  });
});

describe('InvokeModel', () => {
  it('answers the family JSON with the token-count and latency headers', async () => {
    const client = runtime();
    let headers: Record<string, string> = {};
    client.middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        headers = (out.response as { headers: Record<string, string> }).headers;
        return out;
      },
      { step: 'deserialize', name: 'captureHeaders' },
    );
    const out = await client.send(
      new InvokeModelCommand({ modelId: 'meta.llama3-8b-instruct-v1:0', body: JSON.stringify({ prompt: `${DOC}\n${QUESTION}` }) }),
    );
    const body = JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown>;
    expect(body).toEqual({ generation: ANSWER, prompt_token_count: expect.any(Number), generation_token_count: expect.any(Number), stop_reason: 'stop' });
    expect(headers['x-amzn-bedrock-input-token-count']).toBe(String(body.prompt_token_count));
    expect(headers['x-amzn-bedrock-output-token-count']).toBe(String(body.generation_token_count));
    expect(Number(headers['x-amzn-bedrock-invocation-latency'])).toBeGreaterThanOrEqual(0);
  });

  it('embeds text with Titan Text Embeddings V2', async () => {
    const out = await runtime().send(
      new InvokeModelCommand({ modelId: 'amazon.titan-embed-text-v2:0', body: JSON.stringify({ inputText: '서연의 사무실', dimensions: 256 }) }),
    );
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { embedding: number[]; inputTextTokenCount: number };
    expect(body.embedding).toHaveLength(256);
    expect(Math.hypot(...body.embedding)).toBeCloseTo(1, 5);
    expect(body.inputTextTokenCount).toBe(6);
  });
});

describe('model identifiers and errors', () => {
  const ask = claudeBody(`${DOC}\n\n${QUESTION}`);

  it.each([
    ['a profile id', 'us.anthropic.claude-3-5-haiku-20241022-v1:0'],
    ['a global profile id', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['an inference-profile ARN', 'arn:aws:bedrock:us-west-2:000000000000:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['a foundation-model ARN', 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'],
  ])('accepts %s', async (_what, modelId) => {
    const out = await runtime().send(new InvokeModelCommand({ modelId, body: JSON.stringify(ask) }));
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { content: Array<{ text: string }> };
    expect(body.content[0]!.text).toBe(ANSWER);
  });

  it('refuses the bare id of a profile-only model as AWS does', async () => {
    const error = await runtime()
      .send(new InvokeModelWithResponseStreamCommand({ modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', body: JSON.stringify(ask) }))
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toBe(
      "Invocation of model ID anthropic.claude-3-5-haiku-20241022-v1:0 with on-demand throughput isn't supported. " +
        'Retry your request with the ID or ARN of an inference profile that contains this model.',
    );
  });

  it.each(['anthropic.claude-9-opus-v1:0', 'us.meta.llama2-13b-chat-v1', 'arn:aws:bedrock:us-west-2::foundation-model/nope'])(
    'answers ResourceNotFoundException for unknown model %s',
    async (modelId) => {
      const error = await runtime()
        .send(new InvokeModelCommand({ modelId, body: JSON.stringify(ask) }))
        .then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect((error as Error).message).toBe('The provided model identifier is invalid.');
    },
  );

  it.each([
    ['missing max_tokens', { anthropic_version: 'bedrock-2023-05-31', messages: [{ role: 'user', content: 'hi' }] }, /required key \[max_tokens\] not found/],
    ['missing anthropic_version', { max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, /required key \[anthropic_version\] not found/],
    ['messages of the wrong type', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: 'hi' }, /#\/messages: expected type: JSONArray/],
    ['invalid JSON', '{"anthropic_version": ', /Malformed input request/],
  ])('answers ValidationException for %s', async (_what, body, message) => {
    const error = await runtime()
      .send(new InvokeModelWithResponseStreamCommand({ modelId: DEFAULT_LOCAL_MODEL_ID, body: typeof body === 'string' ? body : JSON.stringify(body) }))
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toMatch(message);
  });

  it('validates each family body: Llama needs a prompt, Titan inputText, Nova messages', async () => {
    for (const [modelId, body, message] of [
      ['meta.llama3-8b-instruct-v1:0', { max_gen_len: 10 }, /required key \[prompt\]/],
      ['meta.llama3-8b-instruct-v1:0', { prompt: 'hi', max_tokens: 10 }, /extraneous key \[max_tokens\]/],
      ['amazon.titan-text-lite-v1', { textGenerationConfig: {} }, /required key \[inputText\]/],
      ['us.amazon.nova-micro-v1:0', { inferenceConfig: { maxTokens: 10 } }, /required key \[messages\]/],
      ['mistral.mistral-7b-instruct-v0:2', { prompt: 12 }, /#\/prompt: expected type: String/],
    ] as const) {
      const error = await runtime()
        .send(new InvokeModelCommand({ modelId, body: JSON.stringify(body) }))
        .then(() => undefined, (e: unknown) => e);
      expect(error, modelId).toBeInstanceOf(ValidationException);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('control plane', () => {
  it('lists a catalogue covering every family, named after the offline engine', async () => {
    const { modelSummaries = [] } = await control().send(new ListFoundationModelsCommand({}));
    const ids = modelSummaries.map((m) => m.modelId);
    for (const id of [
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
      'meta.llama2-13b-chat-v1',
      'amazon.titan-text-premier-v1:0',
      'amazon.nova-pro-v1:0',
      'mistral.mistral-large-2402-v1:0',
      'mistral.mistral-large-2407-v1:0',
      'amazon.titan-embed-text-v2:0',
    ]) {
      expect(ids).toContain(id);
    }
    const haiku = modelSummaries.find((m) => m.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0')!;
    expect(haiku).toMatchObject({
      modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
      modelName: 'Claude 3.5 Haiku · local offline engine',
      providerName: 'Anthropic',
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      inferenceTypesSupported: ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    expect(modelSummaries.find((m) => m.modelId === 'meta.llama2-70b-chat-v1')?.modelLifecycle?.status).toBe('LEGACY');
  });

  it('filters by output modality and provider', async () => {
    const embeddings = await control().send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
    expect(embeddings.modelSummaries?.map((m) => m.modelId)).toEqual(['amazon.titan-embed-text-v2:0']);
    expect(embeddings.modelSummaries?.[0]?.responseStreamingSupported).toBe(false);
    const meta = await control().send(new ListFoundationModelsCommand({ byProvider: 'Meta' }));
    expect(meta.modelSummaries?.length).toBeGreaterThan(5);
    expect(meta.modelSummaries?.every((m) => m.providerName === 'Meta')).toBe(true);
  });

  it('gets one model and lists the system-defined inference profiles', async () => {
    const one = await control().send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-lite-v1:0' }));
    expect(one.modelDetails?.inputModalities).toEqual(['TEXT', 'IMAGE', 'VIDEO']);
    const profiles = await control().send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }));
    const ids = profiles.inferenceProfileSummaries?.map((p) => p.inferenceProfileId) ?? [];
    expect(ids).toContain(DEFAULT_LOCAL_MODEL_ID);
    expect(ids).toContain('apac.amazon.nova-pro-v1:0');
    expect(ids).toContain('global.anthropic.claude-haiku-4-5-20251001-v1:0');
    const haiku = profiles.inferenceProfileSummaries!.find((p) => p.inferenceProfileId === DEFAULT_LOCAL_MODEL_ID)!;
    expect(haiku.type).toBe('SYSTEM_DEFINED');
    expect(haiku.models?.[0]?.modelArn).toMatch(/^arn:aws:bedrock:us-[a-z]+-\d::foundation-model\/anthropic\.claude-3-5-haiku-20241022-v1:0$/);
  });
});

describe('Converse and ConverseStream', () => {
  const input = {
    system: [{ text: DOC }],
    messages: [{ role: 'user' as const, content: [{ text: QUESTION }] }],
    inferenceConfig: { maxTokens: 200 },
  };

  it('answers Converse with the message, stop reason, usage and latency', async () => {
    const out = await runtime().send(new ConverseCommand({ modelId: 'us.meta.llama3-2-3b-instruct-v1:0', ...input }));
    expect(out.output?.message?.content?.[0]?.text).toBe(ANSWER);
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage?.outputTokens).toBeGreaterThan(0);
    expect(out.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('streams ConverseStream events by name', async () => {
    const out = await runtime().send(new ConverseStreamCommand({ modelId: DEFAULT_LOCAL_MODEL_ID, ...input }));
    const names: string[] = [];
    let text = '';
    for await (const event of out.stream!) {
      names.push(Object.keys(event).filter((k) => (event as unknown as Record<string, unknown>)[k] !== undefined)[0]!);
      text += event.contentBlockDelta?.delta?.text ?? '';
      if (event.metadata) expect(event.metadata.usage?.totalTokens).toBe(event.metadata.usage!.inputTokens! + event.metadata.usage!.outputTokens!);
    }
    expect(text).toBe(ANSWER);
    expect(names[0]).toBe('messageStart');
    expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
  });
});
