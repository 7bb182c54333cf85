// Meta Llama 2 Chat (legacy; kept for the local stack): `<s>[INST] <<SYS>>…<</SYS>> … [/INST]`
// with earlier turns closed by `</s>`. Body and chunks are the same as Llama 3.
import type { ModelFamily } from '../family.ts';
import { alternatingTurns } from '../turns.ts';
import { decodeLlamaChunk, decodeLlamaResponse, llamaBody } from './llama3.ts';

export const llama2: ModelFamily = {
  id: 'llama2',
  supportsSystemPrompt: true,
  limits: { contextWindow: 4096, defaultMaxTokens: 512, maxOutputTokens: 2048 },

  buildBody(prompt, params) {
    const turns = alternatingTurns(prompt);
    const system = prompt.system.trim();
    let text = '';
    let first = true;
    for (const turn of turns) {
      if (turn.role === 'user') {
        const sys = first && system ? `<<SYS>>\n${system}\n<</SYS>>\n\n` : '';
        text += `<s>[INST] ${sys}${turn.text.trim()} [/INST]`;
        first = false;
      } else {
        text += ` ${turn.text.trim()} </s>`;
      }
    }
    return llamaBody(text, params);
  },

  decodeChunk: decodeLlamaChunk,
  decodeResponse: (json) => decodeLlamaResponse(json, 'llama2'),
};
