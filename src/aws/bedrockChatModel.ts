// ChatModel over Bedrock's InvokeModel / InvokeModelWithResponseStream. The family from the domain
// registry builds the body and decodes the chunks; this file only moves bytes and keeps the two
// promises the stream contract makes: the AbortSignal reaches the HTTP request, and once iteration
// starts every failure becomes the final `error` event instead of a throw.
import {
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type BedrockRuntimeClient,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { AppError, toAppError } from '../domain/errors.ts';
import { decodeStream } from '../domain/models/decodeStream.ts';
import type { ModelFamily } from '../domain/models/family.ts';
import { familyFor } from '../domain/models/registry.ts';
import type { ChatModel } from '../domain/ports.ts';
import { mergeUsage, type StreamEvent, type Usage } from '../domain/stream.ts';
import type { ModelRequest, ModelResponse } from '../domain/types.ts';
import type { AwsClients } from './clients.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Why a stream stopped early when the signal fired: the caller pressed Stop. */
function abortedError(cause?: unknown): AppError {
  return new AppError('aborted', cause === undefined ? {} : { cause });
}

function requestBody(family: ModelFamily, request: ModelRequest): Uint8Array {
  return encoder.encode(JSON.stringify(family.buildBody(request.prompt, request.params)));
}

function parseJson(bytes: Uint8Array | undefined, what: string): unknown {
  try {
    return JSON.parse(decoder.decode(bytes ?? new Uint8Array()));
  } catch (e) {
    throw new AppError('invalid-response', { message: `${what} is not JSON`, cause: e });
  }
}

/**
 * Iterates `source` but returns the moment `signal` fires, even while the SDK is still waiting for
 * bytes: the abortSignal given to `send` tears the connection down, but how quickly that surfaces
 * through the event-stream reader depends on the HTTP handler, and Stop must feel instant.
 */
async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T, void, undefined> {
  if (signal.aborted) return;
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const pending = iterator.next();
      const next = await Promise.race([pending, aborted]);
      // A chunk already buffered wins the race even after Stop, hence the second check.
      if (next === 'aborted' || signal.aborted) {
        // The abandoned read rejects with the handler's AbortError once the socket closes; nobody
        // is waiting for it any more, so it must not surface as an unhandled rejection.
        pending.catch(() => undefined);
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The `chunk` payloads of a response stream as parsed JSON. Modelled stream exceptions (throttling,
 * modelStreamError, …) are thrown by the SDK with their class names and keep the domain's mapping;
 * a transport failure mid-stream (socket reset, premature close) is an answer cut short, which a
 * retry may fix, rather than "offline" or "unknown".
 */
async function* chunkPayloads(
  body: AsyncIterable<ResponseStream>,
  signal: AbortSignal,
): AsyncGenerator<unknown, void, undefined> {
  try {
    for await (const event of untilAborted(body, signal)) {
      if (event.chunk) yield parseJson(event.chunk.bytes, 'a stream chunk');
    }
  } catch (e) {
    if (signal.aborted) throw e;
    const mapped = toAppError(e, 'model');
    if (mapped.code !== 'offline' && mapped.code !== 'unknown') throw mapped;
    throw new AppError('stream-cut', { message: 'the connection closed in the middle of the answer', cause: e });
  }
}

/**
 * Some families (Mistral text) put no token counts in a non-streamed body; Bedrock sends them in
 * `x-amzn-bedrock-input/output-token-count` headers, which the SDK does not model. A browser can
 * read them only where CORS exposes them, so they are a fallback under the body's own counts.
 */
function captureTokenHeaders(command: InvokeModelCommand): () => Usage {
  let usage: Usage = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string | undefined> }).headers ?? {};
      const count = (name: string) => {
        const value = Number(headers[name]);
        return Number.isFinite(value) && headers[name] !== undefined ? value : undefined;
      };
      usage = { inputTokens: count('x-amzn-bedrock-input-token-count'), outputTokens: count('x-amzn-bedrock-output-token-count') };
      return result;
    },
    { step: 'deserialize', name: 'seoyeonTokenCountHeaders' },
  );
  return () => usage;
}

export class BedrockChatModel implements ChatModel {
  constructor(private readonly clients: Pick<AwsClients, 'bedrockRuntime'>) {}

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    let family: ModelFamily;
    let body: AsyncIterable<ResponseStream>;
    try {
      family = familyFor(request.modelId);
      if (signal.aborted) throw abortedError();
      const client: BedrockRuntimeClient = await this.clients.bedrockRuntime();
      const output = await client.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: request.modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: requestBody(family, request),
        }),
        { abortSignal: signal },
      );
      if (!output.body) throw new AppError('invalid-response', { message: 'Bedrock answered without a stream' });
      body = output.body;
    } catch (e) {
      // Failing before the first byte (throttled, access denied, profile needed, expired session)
      // is still an event, so the caller has one place to handle every outcome.
      yield { type: 'error', error: signal.aborted ? abortedError(e) : toAppError(e, 'model') };
      return;
    }
    for await (const event of decodeStream(family, chunkPayloads(body, signal), signal)) {
      // One chunk can decode into several events; none of them may reach the caller after Stop.
      if (signal.aborted && !(event.type === 'error' && event.error.code === 'aborted')) {
        yield { type: 'error', error: abortedError() };
        return;
      }
      yield event;
    }
  }

  async complete(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse> {
    try {
      const family = familyFor(request.modelId);
      if (signal.aborted) throw abortedError();
      const client = await this.clients.bedrockRuntime();
      const command = new InvokeModelCommand({
        modelId: request.modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: requestBody(family, request),
      });
      const headerUsage = captureTokenHeaders(command);
      const output = await client.send(command, { abortSignal: signal });
      const decoded = family.decodeResponse(parseJson(output.body, 'the model response'));
      return { text: decoded.text, usage: mergeUsage(headerUsage(), decoded.usage), stopReason: decoded.stopReason };
    } catch (e) {
      throw signal.aborted ? abortedError(e) : toAppError(e, 'model');
    }
  }
}
