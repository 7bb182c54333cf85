// Amazon Titan Text: `inputText` in the User:/Bot: convention, chunks of `outputText`.
import { parseTitan } from './prompts.ts';
import {
  asObject,
  optionalInt,
  optionalNumber,
  optionalStrings,
  requireString,
  type ChatRequest,
  type Family,
  type FinishReason,
} from './types.ts';

const REASON: Record<FinishReason, string> = { stop: 'FINISH', length: 'LENGTH', stop_sequence: 'STOP_CRITERIA_MET' };

export const titan: Family = {
  parse(body): ChatRequest {
    const inputText = requireString(body, 'inputText');
    const config = body.textGenerationConfig === undefined ? {} : asObject(body.textGenerationConfig, '#/textGenerationConfig');
    const { system, turns } = parseTitan(inputText);
    const temperature = optionalNumber(config, 'temperature', '#/textGenerationConfig');
    const topP = optionalNumber(config, 'topP', '#/textGenerationConfig');
    return {
      system,
      turns,
      maxTokens: optionalInt(config, 'maxTokenCount', '#/textGenerationConfig') ?? 512,
      stopSequences: optionalStrings(config, 'stopSequences', '#/textGenerationConfig'),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(topP !== undefined ? { topP } : {}),
      promptText: inputText,
    };
  },
  response: (result) => ({
    inputTextTokenCount: result.inputTokens,
    results: [{ tokenCount: result.outputTokens, outputText: result.text, completionReason: REASON[result.finish] }],
  }),
  chunks: () => ({
    start: () => [],
    delta: (text, usage, first) => [
      { outputText: text, index: 0, totalOutputTextTokenCount: null, completionReason: null, inputTextTokenCount: first ? usage.inputTokens : null },
    ],
    end: (result) => [
      {
        outputText: '',
        index: 0,
        totalOutputTextTokenCount: result.outputTokens,
        completionReason: REASON[result.finish],
        inputTextTokenCount: result.outputTokens === 0 ? result.inputTokens : null,
      },
    ],
  }),
};
