// InvokeModel and InvokeModelWithResponseStream: resolve the model, parse the family body, run the
// engine, and answer as plain JSON or as an event stream (with injected stream cuts applied).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody, sendJson, sendServiceError } from '../http.ts';
import type { FaultRegistry, FaultSpec } from '../faults.ts';
import { resolveModelId, type CatalogModel } from './catalog.ts';
import { chunkFrame, eventFrame, exceptionFrame } from './eventstream.ts';
import { converse } from './families/converse.ts';
import { FAMILIES } from './families/index.ts';
import { RequestError, type ChatRequest, type Family, type GenerationResult } from './families/types.ts';
import { embed } from './engine/embed.ts';
import { runEngine, type Piece } from './engine/run.ts';
import { estimateTokens } from './engine/tokens.ts';
import { EngineError, type Engine } from './engine/types.ts';

export interface InvokeContext {
  engine: Engine;
  faults: FaultRegistry;
  log: (message: string) => void;
}

type StreamCut = Extract<FaultSpec, { kind: 'cut' }>;

export type InvokeAction = 'invoke' | 'invoke-with-response-stream' | 'converse' | 'converse-stream';

interface Framing {
  frame: (chunk: unknown) => Buffer;
  /** InvokeModelWithResponseStream adds amazon-bedrock-invocationMetrics to its last chunk. */
  metrics: boolean;
}

const INVOKE_FRAMING: Framing = { frame: chunkFrame, metrics: true };
// Converse events are `{eventName: payload}`; each becomes a frame of that event type.
const CONVERSE_FRAMING: Framing = {
  frame: (chunk) => {
    const [name, payload] = Object.entries(chunk as Record<string, unknown>)[0]!;
    return eventFrame(name, payload);
  },
  metrics: false,
};

function validation(res: ServerResponse, message: string): void {
  sendServiceError(res, 'bedrock', { code: 'ValidationException', message, status: 400 });
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | string> {
  const raw = await readBody(req);
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    return 'Malformed input request: #: expected type: JSONObject, please reformat your input and try again.';
  } catch {
    return 'Malformed input request: expected a JSON object, please reformat your input and try again.';
  }
}

export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  modelIdentifier: string,
  action: InvokeAction,
  ctx: InvokeContext,
): Promise<void> {
  const streaming = action === 'invoke-with-response-stream' || action === 'converse-stream';
  const isConverse = action === 'converse' || action === 'converse-stream';
  const resolved = resolveModelId(modelIdentifier);
  if (!resolved.ok) {
    await readBody(req);
    return sendServiceError(res, 'bedrock', resolved);
  }
  const { model } = resolved;
  const contentType = String(req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  if (contentType !== 'application/json' && contentType !== 'application/octet-stream') {
    await readBody(req);
    return validation(res, `The provided content type ${contentType} is not supported by the model.`);
  }
  const body = await readJsonObject(req);
  if (typeof body === 'string') return validation(res, body);
  if (model.family === 'titan-embed') {
    if (isConverse) return validation(res, "This model doesn't support the Converse API.");
    if (streaming) return validation(res, 'The model is unsupported for streaming.');
    return embedModel(res, body);
  }
  const family = isConverse ? converse : FAMILIES[model.family];
  let request: ChatRequest;
  try {
    request = family.parse(body);
  } catch (error) {
    if (error instanceof RequestError) return validation(res, error.message);
    throw error;
  }
  if (streaming) return streamModel(res, family, model, request, ctx, isConverse ? CONVERSE_FRAMING : INVOKE_FRAMING);
  return invokeModel(res, family, model, request, ctx);
}

function embedModel(res: ServerResponse, body: Record<string, unknown>): void {
  const text = body.inputText;
  if (typeof text !== 'string') return validation(res, 'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.');
  const dimensions = body.dimensions ?? 1024;
  if (dimensions !== 1024 && dimensions !== 512 && dimensions !== 256) {
    return validation(res, `Malformed input request: #/dimensions: ${String(dimensions)} is not a valid enum value, please reformat your input and try again.`);
  }
  const embedding = embed(text, dimensions, body.normalize !== false);
  const inputTextTokenCount = estimateTokens(text);
  sendJson(res, 200, { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount }, 'application/json', {
    'x-amzn-bedrock-input-token-count': String(inputTextTokenCount),
    'x-amzn-bedrock-invocation-latency': '1',
  });
}

function engineFailure(res: ServerResponse, error: EngineError): void {
  sendServiceError(res, 'bedrock', {
    code: 'ModelErrorException',
    message: `Received error ${error.originalStatusCode} from the local model: ${error.message}`,
    status: 424,
  });
}

async function invokeModel(res: ServerResponse, family: Family, model: CatalogModel, request: ChatRequest, ctx: InvokeContext): Promise<void> {
  const started = Date.now();
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const run = runEngine(ctx.engine, request, controller.signal);
  let result: GenerationResult;
  try {
    let next = await run.next();
    while (!next.done) next = await run.next();
    result = next.value;
  } catch (error) {
    if (error instanceof EngineError) return engineFailure(res, error);
    throw error;
  }
  if (controller.signal.aborted) return;
  const body = family.response(result, model) as Record<string, unknown>;
  if (family === converse) body.metrics = { latencyMs: Date.now() - started };
  sendJson(res, 200, body, 'application/json', {
    'x-amzn-bedrock-input-token-count': String(result.inputTokens),
    'x-amzn-bedrock-output-token-count': String(result.outputTokens),
    'x-amzn-bedrock-invocation-latency': String(Date.now() - started),
  });
}

class StreamEnded extends Error {}

async function streamModel(
  res: ServerResponse,
  family: Family,
  model: CatalogModel,
  request: ChatRequest,
  ctx: InvokeContext,
  framing: Framing,
): Promise<void> {
  const started = Date.now();
  const cut = ctx.faults.takeStreamCut();
  const controller = new AbortController();
  const { signal } = controller;
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  res.on('error', (error) => ctx.log(`bedrock stream: ${String(error)}`));

  const run = runEngine(ctx.engine, request, signal);
  // Wait for the first piece before answering 200, so an engine that fails at once is a plain
  // HTTP error, as a model that cannot start is on Bedrock.
  let next: IteratorResult<Piece, GenerationResult>;
  try {
    next = await run.next();
  } catch (error) {
    if (error instanceof EngineError) return engineFailure(res, error);
    throw error;
  }
  if (signal.aborted) return;
  const firstByteLatency = Date.now() - started;
  res.writeHead(200, {
    'content-type': 'application/vnd.amazon.eventstream',
    'x-amzn-bedrock-content-type': 'application/json',
    'x-amzn-requestid': randomUUID(),
  });

  const writer = family.chunks(model);
  const stream = new FrameWriter(res, signal, cut, ctx, framing.frame);
  try {
    const inputTokens = estimateTokens(request.promptText);
    await stream.chunks(writer.start({ inputTokens, outputTokens: 0 }));
    while (!next.done) {
      const piece = next.value;
      await stream.chunks(writer.delta(piece.text, piece.usage, piece.first));
      try {
        next = await run.next();
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        await stream.exception('modelStreamErrorException', {
          message: `Received error ${error.originalStatusCode} from the local model.`,
          originalStatusCode: error.originalStatusCode,
          originalMessage: error.message,
        });
        return;
      }
    }
    const result = next.value;
    const final = writer.end(result);
    const metrics = {
      inputTokenCount: result.inputTokens,
      outputTokenCount: result.outputTokens,
      invocationLatency: Date.now() - started,
      firstByteLatency,
    };
    const last = final.length - 1;
    const withMetrics = framing.metrics ? final.map((chunk, i) => (i === last ? { ...(chunk as object), 'amazon-bedrock-invocationMetrics': metrics } : chunk)) : final;
    await stream.chunks(withMetrics, true);
    if (!res.destroyed) res.end();
  } catch (error) {
    if (error instanceof StreamEnded || signal.aborted) return;
    throw error;
  } finally {
    controller.abort();
    await run.return(undefined as never).catch(() => undefined);
  }
}

/** Writes frames with back-pressure, counting chunks so an injected cut lands after exactly K. */
class FrameWriter {
  private sent = 0;
  private flushed: Promise<void> = Promise.resolve();
  private settleFlushed: () => void = () => undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    private readonly cut: StreamCut | undefined,
    private readonly ctx: InvokeContext,
    private readonly frame: (chunk: unknown) => Buffer,
  ) {
    res.once('close', () => this.settleFlushed());
  }

  /** `closing` marks the final chunks: a cut armed for more chunks than the answer has lands before them. */
  async chunks(chunks: unknown[], closing = false): Promise<void> {
    for (const [i, chunk] of chunks.entries()) {
      if (this.cut && (this.sent >= this.cut.afterChunks || (closing && i === chunks.length - 1))) await this.applyCut(this.cut);
      await this.write(this.frame(chunk));
      this.sent += 1;
    }
  }

  async exception(type: string, body: Record<string, unknown>): Promise<void> {
    await this.write(exceptionFrame(type, body));
    if (!this.res.destroyed) this.res.end();
  }

  private async applyCut(cut: StreamCut): Promise<never> {
    this.ctx.log(`bedrock: injected stream cut after ${this.sent} chunks (${cut.exception ?? 'connection drop'})`);
    if (cut.exception) {
      const body: Record<string, unknown> = { message: CUT_MESSAGES[cut.exception] };
      if (cut.exception === 'modelStreamErrorException') {
        body.originalStatusCode = 500;
        body.originalMessage = 'The local model stream was cut by an injected fault.';
      }
      await this.exception(cut.exception, body);
    } else {
      // Let the K chunks reach the client before the connection goes.
      await this.flushed;
      this.res.destroy();
    }
    throw new StreamEnded();
  }

  private async write(frame: Buffer): Promise<void> {
    if (this.signal.aborted || this.res.destroyed) throw new StreamEnded();
    let written: () => void = () => undefined;
    this.flushed = new Promise<void>((resolve) => (written = resolve));
    this.settleFlushed = written;
    if (this.res.write(frame, () => written())) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}

const CUT_MESSAGES: Record<NonNullable<StreamCut['exception']>, string> = {
  throttlingException: 'Too many requests, please wait before trying again.',
  modelStreamErrorException: 'The model stream was interrupted.',
  internalServerException: 'The server encountered an internal error.',
  serviceUnavailableException: 'The service is unavailable. Please try again later.',
  modelTimeoutException: 'Model has timed out in processing the request.',
};
