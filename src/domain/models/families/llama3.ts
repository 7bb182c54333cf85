// Meta Llama 3 / 3.1 / 3.2 / 3.3 Instruct: a raw prompt in the Llama 3 special-token template.
// Llama 2 shares the body fields and chunk shape, so its file reuses the decoders from here.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { DecodedResponse, ModelFamily } from '../family.ts';
import type { DecodeState } from '../decodeState.ts';
import { decodedResponse, finishChunk, noteStop, pushText, pushUsage } from '../decodeState.ts';
import { asString, at } from '../json.ts';
import { alternatingTurns } from '../turns.ts';
import type { InferenceParams } from '../../types.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = { stop: 'end', length: 'max-tokens' };
const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

/** Chunks: `generation`, `prompt_token_count` (first only), running `generation_token_count`, `stop_reason`. */
export function decodeLlamaChunk(json: unknown, state: DecodeState): StreamEvent[] {
  const events: StreamEvent[] = [];
  if (state.ended) return events;
  pushText(state, events, at(json, 'generation'));
  noteStop(state, at(json, 'stop_reason'), normalizeStop);
  // The running count is only reported once it is final, to keep the event stream quiet.
  const final = at(json, 'stop_reason') != null;
  pushUsage(state, events, at(json, 'prompt_token_count'), final ? at(json, 'generation_token_count') : undefined);
  return finishChunk(json, state, events);
}

export function decodeLlamaResponse(json: unknown, family: string): DecodedResponse {
  return decodedResponse(
    family,
    {
      text: asString(at(json, 'generation')),
      input: at(json, 'prompt_token_count'),
      output: at(json, 'generation_token_count'),
      stop: at(json, 'stop_reason'),
    },
    normalizeStop,
  );
}

export function llamaBody(prompt: string, params: InferenceParams): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt, max_gen_len: params.maxTokens, temperature: params.temperature };
  if (params.topP !== undefined) body['top_p'] = params.topP;
  return body;
}

const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;

export const llama3: ModelFamily = {
  id: 'llama3',
  supportsSystemPrompt: true,
  limits: { contextWindow: 8192, defaultMaxTokens: 1024, maxOutputTokens: 2048 },
  limitsByModel: [
    { prefix: 'meta.llama3-1', limits: { contextWindow: 128_000 } },
    { prefix: 'meta.llama3-2', limits: { contextWindow: 128_000 } },
    { prefix: 'meta.llama3-3', limits: { contextWindow: 128_000 } },
  ],

  buildBody(prompt, params) {
    let text = '<|begin_of_text|>';
    if (prompt.system.trim()) text += `${header('system')}${prompt.system.trim()}<|eot_id|>`;
    for (const turn of alternatingTurns(prompt)) text += `${header(turn.role)}${turn.text.trim()}<|eot_id|>`;
    text += header('assistant');
    return llamaBody(text, params);
  },

  decodeChunk: decodeLlamaChunk,
  decodeResponse: (json) => decodeLlamaResponse(json, 'llama3'),
};
