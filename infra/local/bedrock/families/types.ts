// What every model family's request becomes once parsed, and how each family speaks back.
import type { CatalogModel } from '../catalog.ts';

export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

/** A family-neutral chat request: the engines only ever see this. */
export interface ChatRequest {
  system: string;
  turns: Turn[];
  maxTokens: number;
  stopSequences: string[];
  temperature?: number;
  topP?: number;
  /** The raw prompt text, for counting input tokens the way the family's own prompt reads. */
  promptText: string;
}

/** Why generation ended, family-neutral; each family maps it to its own words. */
export type FinishReason = 'stop' | 'length' | 'stop_sequence';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface GenerationResult extends Usage {
  text: string;
  finish: FinishReason;
  stopSequence?: string;
}

export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationException';
  }
}

/** Writes one streamed answer in a family's chunk format; the caller adds the invocation metrics. */
export interface ChunkWriter {
  /** Chunks sent before the first token (e.g. Claude's message_start). */
  start(usage: Usage): unknown[];
  delta(text: string, usage: Usage, first: boolean): unknown[];
  /** The last element is the chunk that receives amazon-bedrock-invocationMetrics. */
  end(result: GenerationResult): unknown[];
}

export interface Family {
  parse(body: Record<string, unknown>): ChatRequest;
  response(result: GenerationResult, model: CatalogModel): unknown;
  chunks(model: CatalogModel): ChunkWriter;
}

export function malformed(detail: string): RequestError {
  return new RequestError(`Malformed input request: ${detail}, please reformat your input and try again.`);
}

export function requireKey(body: Record<string, unknown>, key: string): unknown {
  if (body[key] === undefined) throw malformed(`#: required key [${key}] not found`);
  return body[key];
}

export function optionalInt(body: Record<string, unknown>, key: string, path = '#'): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw malformed(`${path}/${key}: expected type: Integer, found: ${jsonType(value)}`);
  if (value < 1) throw malformed(`${path}/${key}: ${value} is not greater or equal to 1`);
  return value;
}

export function optionalNumber(body: Record<string, unknown>, key: string, path = '#'): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw malformed(`${path}/${key}: expected type: Number, found: ${jsonType(value)}`);
  return value;
}

export function optionalStrings(body: Record<string, unknown>, key: string, path = '#'): string[] {
  const value = body[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw malformed(`${path}/${key}: expected type: JSONArray of String`);
  return value as string[];
}

export function requireString(body: Record<string, unknown>, key: string, path = '#'): string {
  const value = body[key];
  if (value === undefined) throw malformed(`${path}: required key [${key}] not found`);
  if (typeof value !== 'string') throw malformed(`${path}/${key}: expected type: String, found: ${jsonType(value)}`);
  return value;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'number':
      return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
    case 'boolean':
      return 'Boolean';
    default:
      return 'JSONObject';
  }
}

export function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${path}: expected type: JSONObject, found: ${jsonType(value)}`);
  return value as Record<string, unknown>;
}

/** Flatten a family's message list (string or text-block content) into turns. */
export function messagesToTurns(value: unknown, textOf: (block: Record<string, unknown>) => string | undefined): Turn[] {
  if (!Array.isArray(value)) throw malformed(`#/messages: expected type: JSONArray, found: ${jsonType(value)}`);
  if (value.length === 0) throw malformed('#/messages: expected minimum item count: 1, found: 0');
  return value.map((raw, i) => {
    const message = asObject(raw, `#/messages/${i}`);
    const role = message.role;
    if (role !== 'user' && role !== 'assistant') throw malformed(`#/messages/${i}/role: ${JSON.stringify(role)} is not a valid enum value`);
    const content = message.content;
    if (typeof content === 'string') return { role, text: content };
    if (!Array.isArray(content)) throw malformed(`#/messages/${i}: required key [content] not found`);
    const text = content
      .map((block, j) => textOf(asObject(block, `#/messages/${i}/content/${j}`)))
      .filter((t): t is string => t !== undefined)
      .join('\n');
    return { role, text };
  });
}
