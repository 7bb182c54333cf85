// Anthropic Claude Messages API on Bedrock (anthropic_version bedrock-2023-05-31).
import { randomBytes } from 'node:crypto';
import type { CatalogModel } from '../catalog.ts';
import {
  malformed,
  messagesToTurns,
  optionalInt,
  optionalNumber,
  optionalStrings,
  requireKey,
  type ChatRequest,
  type Family,
  type FinishReason,
  type GenerationResult,
} from './types.ts';

const STOP: Record<FinishReason, string> = { stop: 'end_turn', length: 'max_tokens', stop_sequence: 'stop_sequence' };

/** `anthropic.claude-3-5-haiku-20241022-v1:0` → `claude-3-5-haiku-20241022`, as the API reports it. */
export function claudeModelName(model: CatalogModel): string {
  return model.modelId.replace(/^anthropic\./, '').replace(/-v\d+:\d+$/, '');
}

function systemText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((block) => (typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string' ? (block as { text: string }).text : ''))
      .join('\n');
  }
  throw malformed('#/system: expected type: String or JSONArray');
}

function messageId(): string {
  return `msg_bdrk_01${randomBytes(12).toString('base64url').slice(0, 22)}`;
}

export const claude: Family = {
  parse(body): ChatRequest {
    requireKey(body, 'anthropic_version');
    if (body.anthropic_version !== 'bedrock-2023-05-31') throw malformed(`#/anthropic_version: ${JSON.stringify(body.anthropic_version)} is not a valid enum value`);
    requireKey(body, 'max_tokens');
    const maxTokens = optionalInt(body, 'max_tokens')!;
    requireKey(body, 'messages');
    const turns = messagesToTurns(body.messages, (block) => {
      if (block.type === 'text') {
        if (typeof block.text !== 'string') throw malformed('#/messages/content/text: required key [text] not found');
        return block.text;
      }
      if (block.type === 'tool_result' && typeof block.content === 'string') return block.content;
      return undefined;
    });
    if (turns[0]?.role !== 'user') throw malformed('messages: first message must use the "user" role');
    const system = systemText(body.system);
    const temperature = optionalNumber(body, 'temperature');
    const topP = optionalNumber(body, 'top_p');
    return {
      system,
      turns,
      maxTokens,
      stopSequences: optionalStrings(body, 'stop_sequences'),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(topP !== undefined ? { topP } : {}),
      promptText: [system, ...turns.map((t) => t.text)].join('\n'),
    };
  },

  response(result: GenerationResult, model) {
    return {
      id: messageId(),
      type: 'message',
      role: 'assistant',
      model: claudeModelName(model),
      content: [{ type: 'text', text: result.text }],
      stop_reason: STOP[result.finish],
      stop_sequence: result.stopSequence ?? null,
      usage: { input_tokens: result.inputTokens, output_tokens: result.outputTokens },
    };
  },

  chunks(model) {
    return {
      start: (usage) => [
        {
          type: 'message_start',
          message: {
            id: messageId(),
            type: 'message',
            role: 'assistant',
            model: claudeModelName(model),
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
          },
        },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ],
      delta: (text) => [{ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }],
      end: (result) => [
        { type: 'content_block_stop', index: 0 },
        {
          type: 'message_delta',
          delta: { stop_reason: STOP[result.finish], stop_sequence: result.stopSequence ?? null },
          usage: { output_tokens: result.outputTokens },
        },
        { type: 'message_stop' },
      ],
    };
  },
};
