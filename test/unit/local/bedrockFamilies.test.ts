import { describe, expect, it } from 'vitest';
import { findModel } from '../../../infra/local/bedrock/catalog.ts';
import { FAMILIES } from '../../../infra/local/bedrock/families/index.ts';
import { RequestError, type GenerationResult } from '../../../infra/local/bedrock/families/types.ts';

const result: GenerationResult = { text: '판교', finish: 'length', inputTokens: 7, outputTokens: 2 };

describe('family requests', () => {
  it.each([
    ['claude', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 9, system: [{ type: 'text', text: 'S' }], messages: [{ role: 'user', content: 'Q' }], stop_sequences: ['X'] }],
    ['llama3', { prompt: '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nQ<|eot_id|>', max_gen_len: 9 }],
    ['llama2', { prompt: '<s>[INST] <<SYS>>\nS\n<</SYS>>\n\nQ [/INST]', max_gen_len: 9 }],
    ['titan', { inputText: 'S\nUser: Q\nBot:', textGenerationConfig: { maxTokenCount: 9, stopSequences: ['X'] } }],
    ['nova', { system: [{ text: 'S' }], messages: [{ role: 'user', content: [{ text: 'Q' }] }], inferenceConfig: { max_new_tokens: 9, stopSequences: ['X'] } }],
    ['mistral-chat', { messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'Q' }], max_tokens: 9, stop: ['X'] }],
  ] as const)('%s parses to system S, question Q, 9 tokens', (family, body) => {
    const parsed = FAMILIES[family].parse(body as unknown as Record<string, unknown>);
    expect(parsed).toMatchObject({ system: 'S', turns: [{ role: 'user', text: 'Q' }], maxTokens: 9 });
  });

  it('Mistral text keeps a system text inside the first [INST]', () => {
    expect(FAMILIES['mistral-text'].parse({ prompt: '<s>[INST] S\n\nQ [/INST]', max_tokens: 9 })).toMatchObject({ turns: [{ role: 'user', text: 'S\n\nQ' }], maxTokens: 9 });
  });

  it.each([
    ['claude', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 0, messages: [{ role: 'user', content: 'Q' }] }, /max_tokens: 0 is not greater or equal to 1/],
    ['claude', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [] }, /minimum item count: 1/],
    ['claude', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [{ role: 'bot', content: 'Q' }] }, /role: "bot" is not a valid enum value/],
    ['nova', { messages: [{ role: 'user', content: [{ text: 'Q' }] }], inferenceConfig: { maxTokens: 'many' } }, /maxTokens: expected type: Integer/],
    ['titan', { inputText: 'Q', textGenerationConfig: 5 }, /textGenerationConfig: expected type: JSONObject/],
  ] as const)('%s rejects %j', (family, body, message) => {
    expect(() => FAMILIES[family].parse(body as unknown as Record<string, unknown>)).toThrow(RequestError);
    expect(() => FAMILIES[family].parse(body as unknown as Record<string, unknown>)).toThrow(message);
  });
});

describe('family responses', () => {
  const model = (id: string) => findModel(id)!;

  it.each([
    ['claude', 'anthropic.claude-3-haiku-20240307-v1:0', { type: 'message', role: 'assistant', model: 'claude-3-haiku-20240307', content: [{ type: 'text', text: '판교' }], stop_reason: 'max_tokens', stop_sequence: null, usage: { input_tokens: 7, output_tokens: 2 } }],
    ['llama3', 'meta.llama3-8b-instruct-v1:0', { generation: '판교', prompt_token_count: 7, generation_token_count: 2, stop_reason: 'length' }],
    ['titan', 'amazon.titan-text-lite-v1', { inputTextTokenCount: 7, results: [{ tokenCount: 2, outputText: '판교', completionReason: 'LENGTH' }] }],
    ['nova', 'amazon.nova-micro-v1:0', { output: { message: { role: 'assistant', content: [{ text: '판교' }] } }, stopReason: 'max_tokens', usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 } }],
    ['mistral-text', 'mistral.mistral-7b-instruct-v0:2', { outputs: [{ text: '판교', stop_reason: 'length' }] }],
    ['mistral-chat', 'mistral.mistral-large-2407-v1:0', { choices: [{ index: 0, message: { role: 'assistant', content: '판교' }, stop_reason: 'length' }], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } }],
  ] as const)('%s non-stream body', (family, id, expected) => {
    expect(FAMILIES[family].response(result, model(id))).toMatchObject(expected);
  });

  it('Claude streams message_start with input tokens and a cumulative message_delta', () => {
    const writer = FAMILIES.claude.chunks(model('anthropic.claude-3-haiku-20240307-v1:0'));
    expect(writer.start({ inputTokens: 7, outputTokens: 0 })).toMatchObject([
      { type: 'message_start', message: { usage: { input_tokens: 7, output_tokens: 1 }, content: [] } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ]);
    expect(writer.end(result)).toEqual([
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
  });
});
