// Anthropic Claude 3+ / 4.x on Bedrock: the Messages API with anthropic_version bedrock-2023-05-31.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { ModelFamily } from '../family.ts';
import { decodedResponse, finishChunk, noteStop, pushEnd, pushText, pushUsage } from '../decodeState.ts';
import { asString, at } from '../json.ts';
import { alternatingTurns } from '../turns.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  end_turn: 'end',
  max_tokens: 'max-tokens',
  stop_sequence: 'stop-sequence',
  refusal: 'content-filtered',
  model_context_window_exceeded: 'max-tokens',
};

const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

export const anthropic: ModelFamily = {
  id: 'anthropic',
  supportsSystemPrompt: true,
  limits: { contextWindow: 200_000, defaultMaxTokens: 2048, maxOutputTokens: 4096 },
  limitsByModel: [
    { prefix: 'anthropic.claude-3-5', limits: { maxOutputTokens: 8192 } },
    { prefix: 'anthropic.claude-3-7', limits: { maxOutputTokens: 8192 } },
    { prefix: 'anthropic.claude-sonnet-4', limits: { maxOutputTokens: 8192 } },
    { prefix: 'anthropic.claude-haiku-4', limits: { maxOutputTokens: 8192 } },
    { prefix: 'anthropic.claude-opus-4', limits: { maxOutputTokens: 8192 } },
  ],

  buildBody(prompt, params) {
    const body: Record<string, unknown> = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: params.maxTokens,
      messages: alternatingTurns(prompt).map((turn) => ({
        role: turn.role,
        content: [{ type: 'text', text: turn.text }],
      })),
      temperature: params.temperature,
    };
    if (prompt.system.trim()) body['system'] = prompt.system;
    if (params.topP !== undefined) body['top_p'] = params.topP;
    return body;
  },

  decodeChunk(json, state) {
    const events: StreamEvent[] = [];
    if (state.ended) return events;
    switch (at(json, 'type')) {
      case 'message_start':
        pushUsage(state, events, at(json, 'message', 'usage', 'input_tokens'), at(json, 'message', 'usage', 'output_tokens'));
        break;
      case 'content_block_start':
        pushText(state, events, at(json, 'content_block', 'text'));
        break;
      case 'content_block_delta':
        if (at(json, 'delta', 'type') === 'text_delta') pushText(state, events, at(json, 'delta', 'text'));
        break;
      case 'message_delta':
        noteStop(state, at(json, 'delta', 'stop_reason'), normalizeStop);
        // output_tokens here is the running total, so it replaces the count from message_start.
        pushUsage(state, events, at(json, 'usage', 'input_tokens'), at(json, 'usage', 'output_tokens'));
        break;
      case 'message_stop':
        finishChunk(json, state, events);
        pushEnd(state, events);
        return events;
      default:
        // ping, content_block_stop and future event types carry nothing we show.
        break;
    }
    return finishChunk(json, state, events);
  },

  decodeResponse(json) {
    const content = at(json, 'content');
    const text = Array.isArray(content)
      ? content.map((block) => (at(block, 'type') === 'text' ? (asString(at(block, 'text')) ?? '') : '')).join('')
      : undefined;
    return decodedResponse(
      'anthropic',
      { text, input: at(json, 'usage', 'input_tokens'), output: at(json, 'usage', 'output_tokens'), stop: at(json, 'stop_reason') },
      normalizeStop,
    );
  },
};
