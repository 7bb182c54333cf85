// Converse and ConverseStream: the model-neutral API. Its request is the messages-v1 shape Nova
// uses; its stream sends each event as its own frame (no base64 `bytes` wrapper, no metrics field).
import { nova } from './nova.ts';
import type { Family, FinishReason } from './types.ts';

const STOP: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', stop_sequence: 'stop_sequence' };

export const converse: Family = {
  parse: (body) => nova.parse({ ...body, schemaVersion: undefined }),
  response: (result) => ({
    output: { message: { role: 'assistant', content: [{ text: result.text }] } },
    stopReason: STOP[result.finish],
    usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, totalTokens: result.inputTokens + result.outputTokens },
    metrics: { latencyMs: 0 },
  }),
  chunks: () => {
    const started = Date.now();
    return {
      start: () => [{ messageStart: { role: 'assistant' } }],
      delta: (text) => [{ contentBlockDelta: { delta: { text }, contentBlockIndex: 0 } }],
      end: (result) => [
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: STOP[result.finish] } },
        {
          metadata: {
            usage: { inputTokens: result.inputTokens, outputTokens: result.outputTokens, totalTokens: result.inputTokens + result.outputTokens },
            metrics: { latencyMs: Date.now() - started },
          },
        },
      ],
    };
  },
};
