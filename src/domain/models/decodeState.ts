// Bookkeeping shared by the chunk decoders, so each family only says where its fields are.
// Rules kept here once: usage is reported as running totals (never summed), Bedrock's
// `amazon-bedrock-invocationMetrics` on the last chunk is the final truth, and `message-end` is
// emitted exactly once.
import { AppError } from '../errors.ts';
import type { StopReason, StreamEvent, Usage } from '../stream.ts';
import type { DecodedResponse } from './family.ts';
import { asNumber, asRecord } from './json.ts';

export interface DecodeState {
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: StopReason;
  rawStopReason?: string;
  /** Leading whitespace is dropped until the first visible character (Titan, Llama 2, Mistral start with it). */
  textStarted: boolean;
  ended: boolean;
}

export function createDecodeState(): DecodeState {
  return { textStarted: false, ended: false };
}

export function pushText(state: DecodeState, events: StreamEvent[], text: unknown): void {
  if (typeof text !== 'string' || text === '') return;
  let visible = text;
  if (!state.textStarted) {
    visible = text.replace(/^\s+/, '');
    if (visible === '') return;
    state.textStarted = true;
  }
  events.push({ type: 'text-delta', text: visible });
}

/** Records totals the model reported; emits a `usage` event only when something changed. */
export function pushUsage(state: DecodeState, events: StreamEvent[], input: unknown, output: unknown): void {
  const inputTokens = asNumber(input);
  const outputTokens = asNumber(output);
  const changed =
    (inputTokens !== undefined && inputTokens !== state.inputTokens) ||
    (outputTokens !== undefined && outputTokens !== state.outputTokens);
  if (!changed) return;
  if (inputTokens !== undefined) state.inputTokens = inputTokens;
  if (outputTokens !== undefined) state.outputTokens = outputTokens;
  const event: StreamEvent = { type: 'usage' };
  if (state.inputTokens !== undefined) event.inputTokens = state.inputTokens;
  if (state.outputTokens !== undefined) event.outputTokens = state.outputTokens;
  events.push(event);
}

export function noteStop(state: DecodeState, raw: unknown, normalize: (raw: string) => StopReason): void {
  if (typeof raw !== 'string' || raw === '') return;
  state.rawStopReason = raw;
  state.stopReason = normalize(raw);
}

function endEvent(state: DecodeState): StreamEvent {
  state.ended = true;
  const event: StreamEvent = { type: 'message-end', stopReason: state.stopReason ?? 'other' };
  if (state.rawStopReason !== undefined) event.raw = state.rawStopReason;
  return event;
}

/** Ends the message now (the family knows this chunk is the last one). */
export function pushEnd(state: DecodeState, events: StreamEvent[]): void {
  if (!state.ended) events.push(endEvent(state));
}

/**
 * Called by every family after reading its own fields. Bedrock puts the invocation metrics on the
 * last chunk only, so seeing them ends the message with the metrics as the final usage.
 */
export function finishChunk(json: unknown, state: DecodeState, events: StreamEvent[]): StreamEvent[] {
  const metrics = asRecord(asRecord(json)?.['amazon-bedrock-invocationMetrics']);
  if (metrics) {
    pushUsage(state, events, metrics['inputTokenCount'], metrics['outputTokenCount']);
    pushEnd(state, events);
  }
  return events;
}

/**
 * At the close of the byte stream: end the message if the model said why it stopped; a stream that
 * closes without a stop reason was cut short.
 */
export function finishStream(state: DecodeState): StreamEvent[] {
  if (state.ended) return [];
  if (state.stopReason === undefined) {
    state.ended = true;
    return [{ type: 'error', error: new AppError('stream-cut', { message: 'stream closed before the model finished' }) }];
  }
  return [endEvent(state)];
}

/**
 * For decodeResponse: assembles the result from the family's fields. A response without text is
 * not something we can show, so it throws.
 */
export function decodedResponse(
  family: string,
  fields: { text: string | undefined; input: unknown; output: unknown; stop: unknown },
  normalize: (raw: string) => StopReason,
): DecodedResponse {
  if (fields.text === undefined) {
    throw new AppError('invalid-response', { message: `${family} response has no text` });
  }
  const raw = typeof fields.stop === 'string' && fields.stop !== '' ? fields.stop : undefined;
  const usage: Usage = {};
  const inputTokens = asNumber(fields.input);
  const outputTokens = asNumber(fields.output);
  if (inputTokens !== undefined) usage.inputTokens = inputTokens;
  if (outputTokens !== undefined) usage.outputTokens = outputTokens;
  const response: DecodedResponse = { text: fields.text.replace(/^\s+/, ''), usage, stopReason: raw ? normalize(raw) : 'other' };
  if (raw) response.raw = raw;
  return response;
}
