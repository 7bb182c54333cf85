import { describe, expect, it } from 'vitest';
import { apiBase, chatMessages, createOpenAiEngine } from '../../../infra/local/bedrock/engine/openai.ts';
import { EngineError } from '../../../infra/local/bedrock/engine/types.ts';
import type { ChatRequest } from '../../../infra/local/bedrock/families/types.ts';

const request: ChatRequest = {
  system: 'Be brief.',
  turns: [{ role: 'user', text: 'Hi' }],
  maxTokens: 20,
  stopSequences: ['\n\n'],
  temperature: 0.3,
  promptText: 'Hi',
};

function sseResponse(lines: string[]): Response {
  return new Response(lines.map((l) => `${l}\n\n`).join(''), { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('OpenAI-compatible engine', () => {
  it.each(['http://h:11434', 'http://h:11434/', 'http://h:11434/v1', 'http://h:11434/v1/'])('%s → http://h:11434/v1', (url) => {
    expect(apiBase(url)).toBe('http://h:11434/v1');
  });

  it('sends system and turns as chat messages', () => {
    expect(chatMessages(request)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it("asks the server for its first model when LOCAL_LLM_MODEL is unset, and forwards the request's settings", async () => {
    const seen: Array<{ url: string; body?: unknown }> = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}) });
      if (url.endsWith('/models')) return Response.json({ data: [{ id: 'qwen2.5:7b' }, { id: 'other' }] });
      return sseResponse([
        'data: {"choices":[{"delta":{"role":"assistant"},"finish_reason":null}]}',
        'data: {"choices":[{"delta":{"content":"Hel"},"finish_reason":null}]}',
        ': keep-alive comment',
        'data: {"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]}',
        'data: [DONE]',
      ]);
    }) as typeof fetch;
    const engine = createOpenAiEngine({ url: 'http://llm:8080', fetch: fakeFetch });
    const pieces: string[] = [];
    for await (const piece of engine.generate(request, new AbortController().signal)) pieces.push(piece);
    expect(pieces).toEqual(['Hel', 'lo']);
    expect(seen[0]!.url).toBe('http://llm:8080/v1/models');
    expect(seen[1]).toEqual({
      url: 'http://llm:8080/v1/chat/completions',
      body: { model: 'qwen2.5:7b', messages: chatMessages(request), stream: true, max_tokens: 20, temperature: 0.3, stop: ['\n\n'] },
    });
  });

  it("falls back to the model name 'local' and reports an unreachable server as an EngineError", async () => {
    const bodies: unknown[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      if (url.endsWith('/models')) throw new TypeError('fetch failed');
      bodies.push(JSON.parse(String(init?.body)));
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const engine = createOpenAiEngine({ url: 'http://llm:8080', fetch: fakeFetch });
    const error = await engine.generate(request, new AbortController().signal).next().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).originalStatusCode).toBe(503);
    expect(bodies[0]).toMatchObject({ model: 'local' });
  });
});
