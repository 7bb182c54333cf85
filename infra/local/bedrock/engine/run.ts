// Drives an engine for one invocation and enforces what the request asked for: the output token
// limit (the family's length stop reason) and stop sequences. Usage is counted with the estimator.
import type { ChatRequest, FinishReason, GenerationResult, Usage } from '../families/types.ts';
import { estimateTokens, fitTokens } from './tokens.ts';
import type { Engine } from './types.ts';

export interface Piece {
  text: string;
  usage: Usage;
  first: boolean;
}

export async function* runEngine(engine: Engine, request: ChatRequest, signal: AbortSignal): AsyncGenerator<Piece, GenerationResult> {
  const inputTokens = estimateTokens(request.promptText);
  let text = '';
  let outputTokens = 0;
  let finish: FinishReason = 'stop';
  let stopSequence: string | undefined;
  const generator = engine.generate(request, signal);
  try {
    while (!signal.aborted) {
      const next = await generator.next();
      if (next.done) {
        if (next.value === 'length') finish = 'length';
        break;
      }
      let piece = next.value;
      const candidate = text + piece;
      const hit = request.stopSequences
        .map((s) => ({ s, at: s ? candidate.indexOf(s, Math.max(0, text.length - s.length + 1)) : -1 }))
        .filter((h) => h.at >= 0)
        .sort((a, b) => a.at - b.at)[0];
      if (hit) {
        piece = candidate.slice(text.length, Math.max(text.length, hit.at));
        finish = 'stop_sequence';
        stopSequence = hit.s;
      }
      const tokens = estimateTokens(piece);
      if (outputTokens + tokens > request.maxTokens) {
        piece = fitTokens(piece, request.maxTokens - outputTokens);
        finish = 'length';
        stopSequence = undefined;
      }
      if (piece) {
        const first = text === '';
        text += piece;
        outputTokens += estimateTokens(piece);
        yield { text: piece, usage: { inputTokens, outputTokens }, first };
      }
      if (finish !== 'stop') break;
    }
  } finally {
    // Stops the engine (its timers, or the upstream HTTP stream) when we end early.
    await generator.return(undefined);
  }
  return { text, finish, inputTokens, outputTokens, ...(stopSequence !== undefined ? { stopSequence } : {}) };
}
