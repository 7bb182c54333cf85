// Meta Llama 2 Chat and Llama 3.x Instruct: a templated `prompt`, chunks of `generation`.
import { parseInst, parseLlama3, type ParsedPrompt } from './prompts.ts';
import { optionalInt, optionalNumber, requireString, malformed, type ChatRequest, type Family, type FinishReason } from './types.ts';

const STOP: Record<FinishReason, string> = { stop: 'stop', length: 'length', stop_sequence: 'stop' };
const KEYS = new Set(['prompt', 'max_gen_len', 'temperature', 'top_p', 'images']);

function llama(parsePrompt: (prompt: string) => ParsedPrompt): Family {
  return {
    parse(body): ChatRequest {
      for (const key of Object.keys(body)) if (!KEYS.has(key)) throw malformed(`#: extraneous key [${key}] is not permitted`);
      const prompt = requireString(body, 'prompt');
      const { system, turns } = parsePrompt(prompt);
      const temperature = optionalNumber(body, 'temperature');
      const topP = optionalNumber(body, 'top_p');
      return {
        system,
        turns,
        maxTokens: optionalInt(body, 'max_gen_len') ?? 512,
        stopSequences: [],
        ...(temperature !== undefined ? { temperature } : {}),
        ...(topP !== undefined ? { topP } : {}),
        promptText: prompt,
      };
    },
    response: (result) => ({
      generation: result.text,
      prompt_token_count: result.inputTokens,
      generation_token_count: result.outputTokens,
      stop_reason: STOP[result.finish],
    }),
    chunks: () => ({
      start: () => [],
      delta: (text, usage, first) => [
        { generation: text, prompt_token_count: first ? usage.inputTokens : null, generation_token_count: usage.outputTokens, stop_reason: null },
      ],
      end: (result) => [
        {
          generation: '',
          prompt_token_count: result.outputTokens === 0 ? result.inputTokens : null,
          generation_token_count: result.outputTokens,
          stop_reason: STOP[result.finish],
        },
      ],
    }),
  };
}

export const llama3 = llama(parseLlama3);
export const llama2 = llama(parseInst);
