// Mistral chat-completion models (Large 2407 and later, Pixtral Large): OpenAI-like messages in,
// `choices[0].message.content` chunks out, with a final `usage`.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { ModelFamily } from '../family.ts';
import { decodedResponse, finishChunk, noteStop, pushText, pushUsage } from '../decodeState.ts';
import { asString, at } from '../json.ts';
import { alternatingTurns } from '../turns.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = { stop: 'end', length: 'max-tokens', model_length: 'max-tokens' };
const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

export const mistralChat: ModelFamily = {
  id: 'mistral-chat',
  supportsSystemPrompt: true,
  limits: { contextWindow: 128_000, defaultMaxTokens: 2048, maxOutputTokens: 8192 },

  buildBody(prompt, params) {
    const messages: Array<{ role: string; content: string }> = [];
    if (prompt.system.trim()) messages.push({ role: 'system', content: prompt.system });
    for (const turn of alternatingTurns(prompt)) messages.push({ role: turn.role, content: turn.text });
    const body: Record<string, unknown> = { messages, max_tokens: params.maxTokens, temperature: params.temperature };
    if (params.topP !== undefined) body['top_p'] = params.topP;
    return body;
  },

  decodeChunk(json, state) {
    const events: StreamEvent[] = [];
    if (state.ended) return events;
    // Bedrock documents `message` and `stop_reason`; the OpenAI spellings are read too in case a
    // newer model revision switches.
    pushText(state, events, at(json, 'choices', 0, 'message', 'content') ?? at(json, 'choices', 0, 'delta', 'content'));
    noteStop(state, at(json, 'choices', 0, 'stop_reason') ?? at(json, 'choices', 0, 'finish_reason'), normalizeStop);
    pushUsage(state, events, at(json, 'usage', 'prompt_tokens'), at(json, 'usage', 'completion_tokens'));
    return finishChunk(json, state, events);
  },

  decodeResponse(json) {
    return decodedResponse(
      'mistral-chat',
      {
        text: asString(at(json, 'choices', 0, 'message', 'content')),
        input: at(json, 'usage', 'prompt_tokens'),
        output: at(json, 'usage', 'completion_tokens'),
        stop: at(json, 'choices', 0, 'stop_reason'),
      },
      normalizeStop,
    );
  },
};
