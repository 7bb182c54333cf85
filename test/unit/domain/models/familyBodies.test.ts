import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../../src/domain/models/registry.ts';
import type { FamilyId } from '../../../../src/domain/models/family.ts';
import type { InferenceParams, Prompt } from '../../../../src/domain/types.ts';

const multiTurn: Prompt = {
  system: '한국어로 답하라',
  messages: [
    { role: 'user', text: '안녕?' },
    { role: 'assistant', text: '안녕하세요!' },
    { role: 'user', text: '서울 날씨는?' },
  ],
};
const params: InferenceParams = { temperature: 0.5, topP: 0.9, maxTokens: 512 };

const bodies: Array<{ family: FamilyId; body: Record<string, unknown> }> = [
  {
    family: 'anthropic',
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 512,
      system: '한국어로 답하라',
      messages: [
        { role: 'user', content: [{ type: 'text', text: '안녕?' }] },
        { role: 'assistant', content: [{ type: 'text', text: '안녕하세요!' }] },
        { role: 'user', content: [{ type: 'text', text: '서울 날씨는?' }] },
      ],
      temperature: 0.5,
      top_p: 0.9,
    },
  },
  {
    family: 'llama3',
    body: {
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n한국어로 답하라<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\n안녕?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n안녕하세요!<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\n서울 날씨는?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
  },
  {
    family: 'llama2',
    body: {
      prompt: '<s>[INST] <<SYS>>\n한국어로 답하라\n<</SYS>>\n\n안녕? [/INST] 안녕하세요! </s><s>[INST] 서울 날씨는? [/INST]',
      max_gen_len: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
  },
  {
    family: 'titan',
    body: {
      inputText: '한국어로 답하라\n\nUser: 안녕?\nBot: 안녕하세요!\nUser: 서울 날씨는?\nBot:',
      textGenerationConfig: { maxTokenCount: 512, temperature: 0.5, topP: 0.9, stopSequences: [] },
    },
  },
  {
    family: 'nova',
    body: {
      schemaVersion: 'messages-v1',
      system: [{ text: '한국어로 답하라' }],
      messages: [
        { role: 'user', content: [{ text: '안녕?' }] },
        { role: 'assistant', content: [{ text: '안녕하세요!' }] },
        { role: 'user', content: [{ text: '서울 날씨는?' }] },
      ],
      inferenceConfig: { maxTokens: 512, temperature: 0.5, topP: 0.9 },
    },
  },
  {
    family: 'mistral',
    body: {
      prompt: '<s>[INST] 한국어로 답하라\n\n안녕? [/INST] 안녕하세요!</s>[INST] 서울 날씨는? [/INST]',
      max_tokens: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
  },
  {
    family: 'mistral-chat',
    body: {
      messages: [
        { role: 'system', content: '한국어로 답하라' },
        { role: 'user', content: '안녕?' },
        { role: 'assistant', content: '안녕하세요!' },
        { role: 'user', content: '서울 날씨는?' },
      ],
      max_tokens: 512,
      temperature: 0.5,
      top_p: 0.9,
    },
  },
];

describe('family body builders', () => {
  it.each(bodies)('$family: system prompt, multi-turn Korean, our params under its field names', ({ family, body }) => {
    expect(FAMILIES[family].buildBody(multiTurn, params)).toEqual(body);
  });

  const single: Prompt = { system: '', messages: [{ role: 'user', text: '질문' }] };
  const noTopP: InferenceParams = { temperature: 0.2, maxTokens: 100 };
  const singleBodies: Array<{ family: FamilyId; body: Record<string, unknown> }> = [
    {
      family: 'anthropic',
      body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: '질문' }] }], temperature: 0.2 },
    },
    {
      family: 'llama3',
      body: {
        prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n질문<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
        max_gen_len: 100,
        temperature: 0.2,
      },
    },
    { family: 'llama2', body: { prompt: '<s>[INST] 질문 [/INST]', max_gen_len: 100, temperature: 0.2 } },
    { family: 'titan', body: { inputText: 'User: 질문\nBot:', textGenerationConfig: { maxTokenCount: 100, temperature: 0.2, stopSequences: [] } } },
    {
      family: 'nova',
      body: { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: '질문' }] }], inferenceConfig: { maxTokens: 100, temperature: 0.2 } },
    },
    { family: 'mistral', body: { prompt: '<s>[INST] 질문 [/INST]', max_tokens: 100, temperature: 0.2 } },
    { family: 'mistral-chat', body: { messages: [{ role: 'user', content: '질문' }], max_tokens: 100, temperature: 0.2 } },
  ];

  it.each(singleBodies)('$family: no system prompt and no topP leave those fields out', ({ family, body }) => {
    expect(FAMILIES[family].buildBody(single, noTopP)).toEqual(body);
  });

  it.each(Object.keys(FAMILIES) as FamilyId[])('%s: merges same-role neighbours and drops a leading answer', (id) => {
    const messy: Prompt = {
      system: '',
      messages: [
        { role: 'assistant', text: '먼저 나온 답' },
        { role: 'user', text: '첫째' },
        { role: 'user', text: '둘째' },
        { role: 'assistant', text: '' },
      ],
    };
    const tidy: Prompt = { system: '', messages: [{ role: 'user', text: '첫째\n\n둘째' }] };
    expect(FAMILIES[id].buildBody(messy, noTopP)).toEqual(FAMILIES[id].buildBody(tidy, noTopP));
  });

  it.each(Object.keys(FAMILIES) as FamilyId[])('%s: a prompt with no user text is a validation error', (id) => {
    expect(() => FAMILIES[id].buildBody({ system: 'x', messages: [{ role: 'user', text: '  ' }] }, noTopP)).toThrowError(
      expect.objectContaining({ code: 'validation' }),
    );
  });
});
