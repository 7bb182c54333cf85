import { describe, expect, it } from 'vitest';
import anthropicFixture from '../fixtures/anthropic.json';
import llama3Fixture from '../fixtures/llama3.json';
import mistralFixture from '../fixtures/mistral.json';
import mistralChatFixture from '../fixtures/mistralChat.json';
import novaFixture from '../fixtures/nova.json';
import titanFixture from '../fixtures/titan.json';
import { FAMILIES } from '../../../../src/domain/models/registry.ts';
import type { FamilyId } from '../../../../src/domain/models/family.ts';
import type { StopReason } from '../../../../src/domain/stream.ts';
import { createDecodeState, finishStream } from '../../../../src/domain/models/decodeState.ts';
import { decodeAll, fold } from '../support/streams.ts';

interface Fixture {
  streams: Record<string, unknown[]>;
  response: unknown;
}

const fixtures: Record<FamilyId, Fixture> = {
  anthropic: anthropicFixture,
  llama3: llama3Fixture,
  llama2: llama3Fixture,
  titan: titanFixture,
  nova: novaFixture,
  mistral: mistralFixture,
  'mistral-chat': mistralChatFixture,
};

interface StreamCase {
  family: FamilyId;
  stream: string;
  text: string;
  deltas: number;
  input: number | undefined;
  output: number | undefined;
  stopReason: StopReason;
  raw: string;
}

const streamCases: StreamCase[] = [
  { family: 'anthropic', stream: 'korean-end-turn', text: '안녕하세요!', deltas: 2, input: 12, output: 5, stopReason: 'end', raw: 'end_turn' },
  { family: 'anthropic', stream: 'max-tokens-no-metrics', text: 'The answer is', deltas: 1, input: 30, output: 4, stopReason: 'max-tokens', raw: 'max_tokens' },
  { family: 'anthropic', stream: 'stop-sequence', text: '하나, 둘', deltas: 1, input: 8, output: 3, stopReason: 'stop-sequence', raw: 'stop_sequence' },
  { family: 'llama3', stream: 'korean-stop', text: '답변', deltas: 2, input: 10, output: 3, stopReason: 'end', raw: 'stop' },
  { family: 'llama3', stream: 'leading-newlines-length', text: 'Seoul is the', deltas: 2, input: 25, output: 4, stopReason: 'max-tokens', raw: 'length' },
  { family: 'llama2', stream: 'korean-stop', text: '답변', deltas: 2, input: 10, output: 3, stopReason: 'end', raw: 'stop' },
  { family: 'titan', stream: 'korean-two-chunks', text: '첫 부분끝', deltas: 2, input: 9, output: 20, stopReason: 'end', raw: 'FINISH' },
  { family: 'titan', stream: 'single-chunk-length', text: 'Hello! How can I', deltas: 1, input: 3, output: 6, stopReason: 'max-tokens', raw: 'LENGTH' },
  { family: 'titan', stream: 'content-filtered', text: '', deltas: 0, input: 7, output: 0, stopReason: 'content-filtered', raw: 'CONTENT_FILTERED' },
  { family: 'nova', stream: 'korean-end-turn', text: '옛날 옛적에', deltas: 2, input: 5, output: 3, stopReason: 'end', raw: 'end_turn' },
  { family: 'nova', stream: 'max-tokens-cache-usage', text: 'Once', deltas: 1, input: 11, output: 1, stopReason: 'max-tokens', raw: 'max_tokens' },
  { family: 'nova', stream: 'guardrail', text: '', deltas: 0, input: 4, output: 0, stopReason: 'content-filtered', raw: 'guardrail_intervened' },
  { family: 'mistral', stream: 'korean-stop', text: '답입니다', deltas: 2, input: 7, output: 2, stopReason: 'end', raw: 'stop' },
  { family: 'mistral', stream: 'length', text: 'Mixtral says hi', deltas: 2, input: 12, output: 3, stopReason: 'max-tokens', raw: 'length' },
  { family: 'mistral-chat', stream: 'korean-stop-usage', text: '안녕하세요, 반갑습니다', deltas: 2, input: 5, output: 24, stopReason: 'end', raw: 'stop' },
  { family: 'mistral-chat', stream: 'length-usage-after-stop', text: 'Long text', deltas: 2, input: 9, output: 2, stopReason: 'max-tokens', raw: 'length' },
];

describe('family chunk decoders', () => {
  it.each(streamCases)('$family / $stream', (c) => {
    const chunks = fixtures[c.family].streams[c.stream];
    expect(chunks, 'fixture exists').toBeDefined();
    const events = decodeAll(FAMILIES[c.family], chunks ?? []);
    const folded = fold(events);
    expect(folded.text).toBe(c.text);
    expect(folded.deltas).toHaveLength(c.deltas);
    expect(folded.deltas.every((d) => d.length > 0)).toBe(true);
    expect(folded.usage).toEqual({ inputTokens: c.input, outputTokens: c.output });
    expect(folded.terminalCount).toBe(1);
    expect(folded.afterTerminal).toBe(0);
    expect(events.at(-1)).toEqual({ type: 'message-end', stopReason: c.stopReason, raw: c.raw });
  });

  it('ends the message on the chunk that carries the invocation metrics, not at stream close', () => {
    const state = createDecodeState();
    const chunks = llama3Fixture.streams['korean-stop'];
    const perChunk = chunks.map((chunk) => FAMILIES.llama3.decodeChunk(chunk, state));
    expect(perChunk.at(-1)?.at(-1)).toMatchObject({ type: 'message-end' });
    expect(finishStream(state)).toEqual([]);
  });

  it('does not add Claude output tokens from message_start and message_delta', () => {
    const events = decodeAll(FAMILIES.anthropic, anthropicFixture.streams['max-tokens-no-metrics']);
    const outputs = events.flatMap((e) => (e.type === 'usage' && e.outputTokens !== undefined ? [e.outputTokens] : []));
    expect(outputs).toEqual([1, 4]);
  });

  it('takes the invocation metrics over the model’s own counts when they differ', () => {
    const chunks = [
      { generation: '네', prompt_token_count: 10, generation_token_count: 1, stop_reason: null },
      {
        generation: '',
        prompt_token_count: null,
        generation_token_count: 2,
        stop_reason: 'stop',
        'amazon-bedrock-invocationMetrics': { inputTokenCount: 11, outputTokenCount: 3, invocationLatency: 1, firstByteLatency: 1 },
      },
    ];
    expect(fold(decodeAll(FAMILIES.llama3, chunks)).usage).toEqual({ inputTokens: 11, outputTokens: 3 });
  });

  it('ignores chunks after the message ended', () => {
    const state = createDecodeState();
    for (const chunk of novaFixture.streams['korean-end-turn']) FAMILIES.nova.decodeChunk(chunk, state);
    expect(FAMILIES.nova.decodeChunk({ contentBlockDelta: { delta: { text: '더' } } }, state)).toEqual([]);
  });

  it.each(Object.keys(fixtures) as FamilyId[])('%s: a stream that closes without a stop reason is cut', (id) => {
    const first = Object.values(fixtures[id].streams)[0] ?? [];
    const events = decodeAll(FAMILIES[id], first.slice(0, 1));
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.code).toBe('stream-cut');
  });
});

interface ResponseCase {
  family: FamilyId;
  text: string;
  input: number | undefined;
  output: number | undefined;
  stopReason: StopReason;
}

const responseCases: ResponseCase[] = [
  { family: 'anthropic', text: '안녕하세요', input: 12, output: 5, stopReason: 'end' },
  { family: 'llama3', text: '답변', input: 10, output: 3, stopReason: 'end' },
  { family: 'llama2', text: '답변', input: 10, output: 3, stopReason: 'end' },
  { family: 'titan', text: '요약입니다', input: 9, output: 20, stopReason: 'end' },
  { family: 'nova', text: '캠핑은 즐겁다', input: 5, output: 3, stopReason: 'end' },
  { family: 'mistral', text: '서울입니다', input: undefined, output: undefined, stopReason: 'end' },
  { family: 'mistral-chat', text: '안녕하세요', input: 5, output: 3, stopReason: 'end' },
];

describe('family response decoders', () => {
  it.each(responseCases)('$family', (c) => {
    const decoded = FAMILIES[c.family].decodeResponse(fixtures[c.family].response);
    expect(decoded.text).toBe(c.text);
    expect(decoded.usage).toEqual({
      ...(c.input === undefined ? {} : { inputTokens: c.input }),
      ...(c.output === undefined ? {} : { outputTokens: c.output }),
    });
    expect(decoded.stopReason).toBe(c.stopReason);
  });

  it.each(Object.keys(fixtures) as FamilyId[])('%s: a body without text is an invalid response', (id) => {
    expect(() => FAMILIES[id].decodeResponse({ unexpected: true })).toThrowError(
      expect.objectContaining({ code: 'invalid-response' }),
    );
  });
});
