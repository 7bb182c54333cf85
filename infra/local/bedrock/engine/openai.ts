// The external engine: any OpenAI-compatible server (Ollama, llama.cpp server, vLLM) named by
// LOCAL_LLM_URL. The family-neutral request becomes a streamed /v1/chat/completions call.
import type { ChatRequest, FinishReason } from '../families/types.ts';
import { EngineError, type Engine } from './types.ts';

export interface OpenAiOptions {
  url: string;
  /** LOCAL_LLM_MODEL; when unset, the server's first listed model, else 'local'. */
  model?: string;
  fetch?: typeof fetch;
}

/** `http://host:11434`, `http://host:11434/` and `http://host:11434/v1` all mean the same server. */
export function apiBase(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1`;
}

export function chatMessages(request: ChatRequest): Array<{ role: string; content: string }> {
  return [
    ...(request.system ? [{ role: 'system', content: request.system }] : []),
    ...request.turns.map((t) => ({ role: t.role, content: t.text })),
  ];
}

async function firstModel(base: string, doFetch: typeof fetch, signal: AbortSignal): Promise<string> {
  try {
    const res = await doFetch(`${base}/models`, { signal });
    if (!res.ok) return 'local';
    const body = (await res.json()) as { data?: Array<{ id?: unknown }> };
    const id = body.data?.[0]?.id;
    return typeof id === 'string' ? id : 'local';
  } catch {
    return 'local';
  }
}

/** Parse `data: …` lines of a server-sent event stream as they arrive. */
async function* sseData(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  try {
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('data:')) yield line.slice(5).trim();
      }
    }
    if (buffer.startsWith('data:')) yield buffer.slice(5).trim();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

interface CompletionChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  error?: { message?: string };
}

export function createOpenAiEngine(options: OpenAiOptions): Engine {
  const base = apiBase(options.url);
  const doFetch = options.fetch ?? fetch;
  let model = options.model;
  return {
    label: 'local model via LOCAL_LLM_URL',
    async *generate(request, signal): AsyncGenerator<string, FinishReason | void> {
      model ??= await firstModel(base, doFetch, signal);
      let res: Response;
      try {
        res = await doFetch(`${base}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({
            model,
            messages: chatMessages(request),
            stream: true,
            max_tokens: request.maxTokens,
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.topP !== undefined ? { top_p: request.topP } : {}),
            ...(request.stopSequences.length > 0 ? { stop: request.stopSequences } : {}),
          }),
          signal,
        });
      } catch (error) {
        if (signal.aborted) return;
        throw new EngineError(`LOCAL_LLM_URL ${options.url} is unreachable: ${String(error)}`, 503);
      }
      if (!res.ok || !res.body) {
        const text = await res.text().catch(() => '');
        throw new EngineError(`LOCAL_LLM_URL answered ${res.status}: ${text.slice(0, 300)}`, res.status);
      }
      let finish: FinishReason | undefined;
      const data = sseData(res.body, signal);
      try {
        while (true) {
          let next: IteratorResult<string>;
          try {
            next = await data.next();
          } catch (error) {
            if (signal.aborted) return;
            throw new EngineError(`the LOCAL_LLM_URL stream broke: ${String(error)}`, 502);
          }
          if (next.done || next.value === '[DONE]') break;
          let chunk: CompletionChunk;
          try {
            chunk = JSON.parse(next.value) as CompletionChunk;
          } catch {
            continue;
          }
          if (chunk.error) throw new EngineError(chunk.error.message ?? 'the local model failed', 500);
          const choice = chunk.choices?.[0];
          const content = choice?.delta?.content;
          if (content) yield content;
          if (choice?.finish_reason === 'length') finish = 'length';
        }
      } finally {
        // Ending early (token limit, client gone) also closes the upstream stream.
        await data.return(undefined);
      }
      return finish;
    },
  };
}
