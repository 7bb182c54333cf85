import { describe, expect, it } from 'vitest';
import { parseInst, parseLlama3, parseTitan } from '../../../infra/local/bedrock/families/prompts.ts';

describe('prompt-string parsers recover system and turns', () => {
  it.each([
    [
      'Llama 3 with system and history',
      parseLlama3,
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n규칙<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n하나<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n둘<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n셋<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      { system: '규칙', turns: [{ role: 'user', text: '하나' }, { role: 'assistant', text: '둘' }, { role: 'user', text: '셋' }] },
    ],
    ['Llama 3 without tokens', parseLlama3, 'just text', { system: '', turns: [{ role: 'user', text: 'just text' }] }],
    [
      'Llama 2 with <<SYS>> and a finished turn',
      parseInst,
      '<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello </s><s>[INST] How are you? [/INST]',
      { system: 'Be brief.', turns: [{ role: 'user', text: 'Hi' }, { role: 'assistant', text: 'Hello' }, { role: 'user', text: 'How are you?' }] },
    ],
    ['Mistral single turn', parseInst, '<s>[INST] 질문 [/INST]', { system: '', turns: [{ role: 'user', text: '질문' }] }],
    [
      'Titan with a leading context and history',
      parseTitan,
      '문서 내용.\n\nUser: 첫 질문\nBot: 첫 답\nUser: 둘째 질문\nBot:',
      { system: '문서 내용.', turns: [{ role: 'user', text: '첫 질문' }, { role: 'assistant', text: '첫 답' }, { role: 'user', text: '둘째 질문' }] },
    ],
    ['Titan without roles', parseTitan, '요약해줘', { system: '', turns: [{ role: 'user', text: '요약해줘' }] }],
  ])('%s', (_name, parse, prompt, expected) => {
    expect(parse(prompt)).toEqual(expected);
  });
});
