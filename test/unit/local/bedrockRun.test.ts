import { describe, expect, it } from 'vitest';
import { runEngine, type Piece } from '../../../infra/local/bedrock/engine/run.ts';
import { estimateTokens, fitTokens, splitPieces } from '../../../infra/local/bedrock/engine/tokens.ts';
import type { Engine } from '../../../infra/local/bedrock/engine/types.ts';
import type { ChatRequest, GenerationResult } from '../../../infra/local/bedrock/families/types.ts';

describe('token estimate and stream pieces', () => {
  it.each([
    ['안녕하세요', 5],
    ['hello world', 4],
    ['서연 is 4 you', 2 + 1 + 1 + 1],
    ['', 0],
  ])('%j ≈ %i tokens', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it('splits Hangul words into syllable pairs and keeps every character', () => {
    const text = '서연의 사무실은 판교에 있다. It is near the station.';
    const pieces = splitPieces(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, 4)).toEqual(['서연', '의', ' 사무', '실은']);
    expect(pieces).toContain(' station.');
  });

  it('cuts a piece to a token budget', () => {
    expect(fitTokens('판교에서', 2)).toBe('판교');
    expect(fitTokens('abcdefgh', 1)).toBe('abcd');
    expect(fitTokens('abc', 0)).toBe('');
  });
});

function scripted(pieces: string[], onReturn?: () => void): Engine {
  return {
    label: 'scripted',
    async *generate() {
      try {
        for (const p of pieces) yield p;
      } finally {
        onReturn?.();
      }
    },
  };
}

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  system: '',
  turns: [{ role: 'user', text: 'q' }],
  maxTokens: 100,
  stopSequences: [],
  promptText: '질문 하나',
  ...extra,
});

async function drain(engine: Engine, req: ChatRequest): Promise<{ pieces: Piece[]; result: GenerationResult }> {
  const run = runEngine(engine, req, new AbortController().signal);
  const pieces: Piece[] = [];
  let next = await run.next();
  while (!next.done) {
    pieces.push(next.value);
    next = await run.next();
  }
  return { pieces, result: next.value };
}

describe('running an engine for one invocation', () => {
  it('counts usage with the estimator and marks the first piece', async () => {
    const { pieces, result } = await drain(scripted(['안녕', '하세요', ' friend']), request());
    expect(pieces.map((p) => [p.text, p.first, p.usage.outputTokens])).toEqual([
      ['안녕', true, 2],
      ['하세요', false, 5],
      [' friend', false, 7],
    ]);
    expect(result).toEqual({ text: '안녕하세요 friend', finish: 'stop', inputTokens: 4, outputTokens: 7 });
  });

  it('stops at maxTokens, cutting the last piece, and stops the engine', async () => {
    let returned = false;
    const { result } = await drain(scripted(['안녕', '하세요', '반가워요'], () => (returned = true)), request({ maxTokens: 4 }));
    expect(result).toMatchObject({ text: '안녕하세', finish: 'length', outputTokens: 4 });
    expect(returned).toBe(true);
  });

  it('stops at a stop sequence, even one split across pieces', async () => {
    const { result } = await drain(scripted(['Hello', ' wor', 'ld', ' again']), request({ stopSequences: ['world'] }));
    expect(result).toMatchObject({ finish: 'stop_sequence', stopSequence: 'world' });
    expect(result.text.startsWith('Hello')).toBe(true);
    expect(result.text).not.toContain('again');
  });

  it("passes the engine's own length stop through", async () => {
    const engine: Engine = {
      label: 'upstream',
      async *generate() {
        yield 'Too';
        return 'length';
      },
    };
    expect((await drain(engine, request())).result.finish).toBe('length');
  });
});
