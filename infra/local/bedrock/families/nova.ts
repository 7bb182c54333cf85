// Amazon Nova (messages-v1): Converse-shaped requests, Converse-named events inside chunk bytes.
import {
  asObject,
  malformed,
  messagesToTurns,
  optionalInt,
  optionalNumber,
  optionalStrings,
  type ChatRequest,
  type Family,
  type FinishReason,
} from './types.ts';

const STOP: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', stop_sequence: 'stop_sequence' };

function systemText(value: unknown): string {
  if (value === undefined) return '';
  if (!Array.isArray(value)) throw malformed('#/system: expected type: JSONArray');
  return value.map((block, i) => {
    const text = asObject(block, `#/system/${i}`).text;
    if (typeof text !== 'string') throw malformed(`#/system/${i}: required key [text] not found`);
    return text;
  }).join('\n');
}

export const nova: Family = {
  parse(body): ChatRequest {
    if (body.schemaVersion !== undefined && body.schemaVersion !== 'messages-v1') {
      throw malformed(`#/schemaVersion: ${JSON.stringify(body.schemaVersion)} is not a valid enum value`);
    }
    if (body.messages === undefined) throw malformed('#: required key [messages] not found');
    const turns = messagesToTurns(body.messages, (block) => (typeof block.text === 'string' ? block.text : undefined));
    const config = body.inferenceConfig === undefined ? {} : asObject(body.inferenceConfig, '#/inferenceConfig');
    // Current docs say maxTokens; early docs and much code send max_new_tokens.
    const maxTokens = optionalInt(config, 'maxTokens', '#/inferenceConfig') ?? optionalInt(config, 'max_new_tokens', '#/inferenceConfig') ?? 1024;
    const system = systemText(body.system);
    const temperature = optionalNumber(config, 'temperature', '#/inferenceConfig');
    const topP = optionalNumber(config, 'topP', '#/inferenceConfig') ?? optionalNumber(config, 'top_p', '#/inferenceConfig');
    return {
      system,
      turns,
      maxTokens,
      stopSequences: optionalStrings(config, 'stopSequences', '#/inferenceConfig'),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(topP !== undefined ? { topP } : {}),
      promptText: [system, ...turns.map((t) => t.text)].join('\n'),
    };
  },
  response: (result) => ({
    output: { message: { role: 'assistant', content: [{ text: result.text }] } },
    stopReason: STOP[result.finish],
    usage: {
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      totalTokens: result.inputTokens + result.outputTokens,
      cacheReadInputTokenCount: 0,
      cacheWriteInputTokenCount: 0,
    },
  }),
  chunks: () => ({
    start: () => [{ messageStart: { role: 'assistant' } }],
    delta: (text) => [{ contentBlockDelta: { delta: { text }, contentBlockIndex: 0 } }],
    end: (result) => [
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: STOP[result.finish] } },
      {
        metadata: {
          usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
          metrics: {},
          trace: {},
        },
      },
    ],
  }),
};
