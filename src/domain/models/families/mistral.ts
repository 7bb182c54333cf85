// Mistral text-completion models (7B Instruct, Mixtral 8x7B, Large 2402, Small 2402):
// `<s>[INST] … [/INST] answer</s>[INST] … [/INST]`. No system slot: it opens the first instruction.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { ModelFamily } from '../family.ts';
import { decodedResponse, finishChunk, noteStop, pushText } from '../decodeState.ts';
import { asString, at } from '../json.ts';
import { alternatingTurns, foldSystemIntoFirstTurn } from '../turns.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = { stop: 'end', length: 'max-tokens', model_length: 'max-tokens' };
const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

export const mistral: ModelFamily = {
  id: 'mistral',
  supportsSystemPrompt: false,
  limits: { contextWindow: 32_000, defaultMaxTokens: 1024, maxOutputTokens: 4096 },
  limitsByModel: [{ prefix: 'mistral.mistral-7b', limits: { maxOutputTokens: 8192 } }],

  buildBody(prompt, params) {
    let text = '<s>';
    for (const turn of foldSystemIntoFirstTurn(prompt.system, alternatingTurns(prompt))) {
      text += turn.role === 'user' ? `[INST] ${turn.text.trim()} [/INST]` : ` ${turn.text.trim()}</s>`;
    }
    const body: Record<string, unknown> = { prompt: text, max_tokens: params.maxTokens, temperature: params.temperature };
    if (params.topP !== undefined) body['top_p'] = params.topP;
    return body;
  },

  decodeChunk(json, state) {
    const events: StreamEvent[] = [];
    if (state.ended) return events;
    pushText(state, events, at(json, 'outputs', 0, 'text'));
    noteStop(state, at(json, 'outputs', 0, 'stop_reason'), normalizeStop);
    // The text models report no token counts of their own; only Bedrock's metrics have them.
    return finishChunk(json, state, events);
  },

  decodeResponse(json) {
    return decodedResponse(
      'mistral',
      { text: asString(at(json, 'outputs', 0, 'text')), input: undefined, output: undefined, stop: at(json, 'outputs', 0, 'stop_reason') },
      normalizeStop,
    );
  },
};
