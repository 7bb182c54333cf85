// What every model family provides. A family is data plus three pure functions; the registry picks
// one from a model id, src/aws sends the body and feeds decoded chunks back through it.
import type { StreamEvent, StopReason } from '../stream.ts';
import type { InferenceParams, Prompt, Usage } from '../types.ts';
import type { DecodeState } from './decodeState.ts';

export type FamilyId = 'anthropic' | 'llama3' | 'llama2' | 'titan' | 'nova' | 'mistral' | 'mistral-chat';

export interface ModelLimits {
  /** Tokens the model accepts in total (prompt + answer). */
  contextWindow: number;
  /** What we ask for when the user has not chosen. */
  defaultMaxTokens: number;
  /** The most the model will return in one answer. */
  maxOutputTokens: number;
}

export interface DecodedResponse {
  text: string;
  usage: Usage;
  stopReason: StopReason;
  /** The family's own stop word, kept for the call log and debugging. */
  raw?: string;
}

export interface ModelFamily {
  id: FamilyId;
  /** Models without a system field get the system text folded into the first user turn. */
  supportsSystemPrompt: boolean;
  /** The family's conservative limits. */
  limits: ModelLimits;
  /** Per-model differences, matched by the start of the base model id; the first match wins. */
  limitsByModel?: ReadonlyArray<{ prefix: string; limits: Partial<ModelLimits> }>;
  /** The JSON body of InvokeModel / InvokeModelWithResponseStream. */
  buildBody(prompt: Prompt, params: InferenceParams): Record<string, unknown>;
  /** One decoded `chunk` payload (already JSON.parsed) into contract events. */
  decodeChunk(json: unknown, state: DecodeState): StreamEvent[];
  /** A non-streamed InvokeModel response body. Throws AppError `invalid-response` if it has no text. */
  decodeResponse(json: unknown): DecodedResponse;
}
