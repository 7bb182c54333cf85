// Amazon Nova (Micro / Lite / Pro / Premier, Nova 2): the messages-v1 schema. Stream chunks are the
// Converse events (messageStart, contentBlockDelta, messageStop, metadata) wrapped in `bytes`.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { ModelFamily } from '../family.ts';
import { decodedResponse, finishChunk, noteStop, pushEnd, pushText, pushUsage } from '../decodeState.ts';
import { asArray, asRecord, asString, at } from '../json.ts';
import { alternatingTurns } from '../turns.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  end_turn: 'end',
  max_tokens: 'max-tokens',
  stop_sequence: 'stop-sequence',
  content_filtered: 'content-filtered',
  guardrail_intervened: 'content-filtered',
  model_context_window_exceeded: 'max-tokens',
};
const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

export const nova: ModelFamily = {
  id: 'nova',
  supportsSystemPrompt: true,
  limits: { contextWindow: 128_000, defaultMaxTokens: 2048, maxOutputTokens: 5000 },
  limitsByModel: [
    { prefix: 'amazon.nova-lite', limits: { contextWindow: 300_000 } },
    { prefix: 'amazon.nova-pro', limits: { contextWindow: 300_000 } },
  ],

  buildBody(prompt, params) {
    const inferenceConfig: Record<string, unknown> = { maxTokens: params.maxTokens, temperature: params.temperature };
    if (params.topP !== undefined) inferenceConfig['topP'] = params.topP;
    const body: Record<string, unknown> = {
      schemaVersion: 'messages-v1',
      messages: alternatingTurns(prompt).map((turn) => ({ role: turn.role, content: [{ text: turn.text }] })),
      inferenceConfig,
    };
    if (prompt.system.trim()) body['system'] = [{ text: prompt.system }];
    return body;
  },

  decodeChunk(json, state) {
    const events: StreamEvent[] = [];
    if (state.ended) return events;
    const chunk = asRecord(json);
    if (chunk?.['contentBlockDelta']) pushText(state, events, at(chunk, 'contentBlockDelta', 'delta', 'text'));
    if (chunk?.['messageStop']) noteStop(state, at(chunk, 'messageStop', 'stopReason'), normalizeStop);
    if (chunk?.['metadata']) {
      pushUsage(state, events, at(chunk, 'metadata', 'usage', 'inputTokens'), at(chunk, 'metadata', 'usage', 'outputTokens'));
      finishChunk(json, state, events);
      // metadata is always the last event, with or without Bedrock's metrics.
      pushEnd(state, events);
      return events;
    }
    return finishChunk(json, state, events);
  },

  decodeResponse(json) {
    const content = at(json, 'output', 'message', 'content');
    const text = Array.isArray(content)
      ? asArray(content).map((block) => asString(at(block, 'text')) ?? '').join('')
      : undefined;
    return decodedResponse(
      'nova',
      { text, input: at(json, 'usage', 'inputTokens'), output: at(json, 'usage', 'outputTokens'), stop: at(json, 'stopReason') },
      normalizeStop,
    );
  },
};
