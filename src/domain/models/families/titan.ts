// Amazon Titan Text (Express / Lite / Premier): a `User:`/`Bot:` transcript in inputText. Titan has
// no system field, so the system text opens the transcript.
import type { StopReason, StreamEvent } from '../../stream.ts';
import type { ModelFamily } from '../family.ts';
import { decodedResponse, finishChunk, noteStop, pushText, pushUsage } from '../decodeState.ts';
import { asString, at } from '../json.ts';
import { alternatingTurns } from '../turns.ts';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  FINISH: 'end',
  FINISHED: 'end',
  LENGTH: 'max-tokens',
  STOP_CRITERIA_MET: 'stop-sequence',
  CONTENT_FILTERED: 'content-filtered',
};
const normalizeStop = (raw: string): StopReason => STOP_REASONS[raw] ?? 'other';

export const titan: ModelFamily = {
  id: 'titan',
  supportsSystemPrompt: false,
  limits: { contextWindow: 4096, defaultMaxTokens: 1024, maxOutputTokens: 3072 },
  limitsByModel: [
    { prefix: 'amazon.titan-text-express', limits: { contextWindow: 8192, maxOutputTokens: 8192 } },
    { prefix: 'amazon.titan-text-lite', limits: { contextWindow: 4096, maxOutputTokens: 4096 } },
    { prefix: 'amazon.titan-text-premier', limits: { contextWindow: 32_000, maxOutputTokens: 3072 } },
  ],

  buildBody(prompt, params) {
    const lines: string[] = [];
    if (prompt.system.trim()) lines.push(prompt.system.trim(), '');
    for (const turn of alternatingTurns(prompt)) {
      lines.push(`${turn.role === 'user' ? 'User' : 'Bot'}: ${turn.text.trim()}`);
    }
    lines.push('Bot:');
    const config: Record<string, unknown> = {
      maxTokenCount: params.maxTokens,
      temperature: params.temperature,
      stopSequences: [],
    };
    if (params.topP !== undefined) config['topP'] = params.topP;
    return { inputText: lines.join('\n'), textGenerationConfig: config };
  },

  decodeChunk(json, state) {
    const events: StreamEvent[] = [];
    if (state.ended) return events;
    pushText(state, events, at(json, 'outputText'));
    noteStop(state, at(json, 'completionReason'), normalizeStop);
    pushUsage(state, events, at(json, 'inputTextTokenCount'), at(json, 'totalOutputTextTokenCount'));
    return finishChunk(json, state, events);
  },

  decodeResponse(json) {
    return decodedResponse(
      'titan',
      {
        text: asString(at(json, 'results', 0, 'outputText')),
        input: at(json, 'inputTextTokenCount'),
        output: at(json, 'results', 0, 'tokenCount'),
        stop: at(json, 'results', 0, 'completionReason'),
      },
      normalizeStop,
    );
  },
};
