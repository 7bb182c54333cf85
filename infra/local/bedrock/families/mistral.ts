// Mistral on Bedrock: the 2402-era text-completion models (`prompt`, `outputs[]`) and Mistral Large
// 2407's chat-completion schema (`messages`, OpenAI-like `choices[]`).
import { randomUUID } from 'node:crypto';
import { parseInst } from './prompts.ts';
import {
  asObject,
  malformed,
  optionalInt,
  optionalNumber,
  optionalStrings,
  requireString,
  type ChatRequest,
  type Family,
  type FinishReason,
  type Turn,
} from './types.ts';

const STOP: Record<FinishReason, string> = { stop: 'stop', length: 'length', stop_sequence: 'stop' };

function sampling(body: Record<string, unknown>): Pick<ChatRequest, 'temperature' | 'topP'> {
  const temperature = optionalNumber(body, 'temperature');
  const topP = optionalNumber(body, 'top_p');
  return { ...(temperature !== undefined ? { temperature } : {}), ...(topP !== undefined ? { topP } : {}) };
}

export const mistralText: Family = {
  parse(body): ChatRequest {
    const prompt = requireString(body, 'prompt');
    const { system, turns } = parseInst(prompt);
    return {
      system,
      turns,
      maxTokens: optionalInt(body, 'max_tokens') ?? 512,
      stopSequences: optionalStrings(body, 'stop'),
      ...sampling(body),
      promptText: prompt,
    };
  },
  response: (result) => ({ outputs: [{ text: result.text, stop_reason: STOP[result.finish] }] }),
  chunks: () => ({
    start: () => [],
    delta: (text) => [{ outputs: [{ text, stop_reason: null }] }],
    end: (result) => [{ outputs: [{ text: '', stop_reason: STOP[result.finish] }] }],
  }),
};

function chatTurns(value: unknown): { system: string; turns: Turn[] } {
  if (!Array.isArray(value)) throw malformed('#/messages: expected type: JSONArray');
  if (value.length === 0) throw malformed('#/messages: expected minimum item count: 1, found: 0');
  const system: string[] = [];
  const turns: Turn[] = [];
  value.forEach((raw, i) => {
    const message = asObject(raw, `#/messages/${i}`);
    const content = message.content;
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? content.map((c) => (typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '')).join('\n')
          : '';
    if (message.role === 'system') system.push(text);
    else if (message.role === 'user' || message.role === 'tool') turns.push({ role: 'user', text });
    else if (message.role === 'assistant') turns.push({ role: 'assistant', text });
    else throw malformed(`#/messages/${i}/role: ${JSON.stringify(message.role)} is not a valid enum value`);
  });
  if (!turns.some((t) => t.role === 'user')) throw malformed('#/messages: expected at least one user message');
  return { system: system.join('\n'), turns };
}

export const mistralChat: Family = {
  parse(body): ChatRequest {
    if (body.messages === undefined) throw malformed('#: required key [messages] not found');
    const { system, turns } = chatTurns(body.messages);
    return {
      system,
      turns,
      maxTokens: optionalInt(body, 'max_tokens') ?? 1024,
      stopSequences: optionalStrings(body, 'stop'),
      ...sampling(body),
      promptText: [system, ...turns.map((t) => t.text)].join('\n'),
    };
  },
  response: (result) => ({
    id: randomUUID(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'mistral-large-2407',
    choices: [{ index: 0, message: { role: 'assistant', content: result.text }, stop_reason: STOP[result.finish] }],
    usage: { prompt_tokens: result.inputTokens, completion_tokens: result.outputTokens, total_tokens: result.inputTokens + result.outputTokens },
  }),
  chunks: () => {
    const id = randomUUID();
    const created = Math.floor(Date.now() / 1000);
    const frame = (content: string, stop: string | null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: 'mistral-large-2407',
      choices: [{ index: 0, message: { role: 'assistant', content }, stop_reason: stop }],
    });
    return {
      start: () => [],
      delta: (text) => [frame(text, null)],
      end: (result) => [
        {
          ...frame('', STOP[result.finish]),
          usage: { prompt_tokens: result.inputTokens, completion_tokens: result.outputTokens, total_tokens: result.inputTokens + result.outputTokens },
        },
      ],
    };
  },
};
