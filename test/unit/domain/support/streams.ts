// Helpers that run recorded chunks through a family and fold the events the way a consumer would.
import { createDecodeState, finishStream } from '../../../../src/domain/models/decodeState.ts';
import type { ModelFamily } from '../../../../src/domain/models/family.ts';
import { mergeUsage, type StreamEvent, type Usage } from '../../../../src/domain/stream.ts';

export function decodeAll(family: ModelFamily, chunks: readonly unknown[]): StreamEvent[] {
  const state = createDecodeState();
  const events = chunks.flatMap((chunk) => family.decodeChunk(chunk, state));
  return [...events, ...finishStream(state)];
}

export interface Folded {
  text: string;
  deltas: string[];
  usage: Usage;
  terminal: StreamEvent | undefined;
  terminalCount: number;
  afterTerminal: number;
}

export function fold(events: readonly StreamEvent[]): Folded {
  const deltas: string[] = [];
  let usage: Usage = {};
  let terminal: StreamEvent | undefined;
  let terminalCount = 0;
  let afterTerminal = 0;
  for (const event of events) {
    if (terminal) afterTerminal++;
    if (event.type === 'text-delta') deltas.push(event.text);
    if (event.type === 'usage') usage = mergeUsage(usage, event);
    if (event.type === 'message-end' || event.type === 'error') {
      terminal ??= event;
      terminalCount++;
    }
  }
  return { text: deltas.join(''), deltas, usage, terminal, terminalCount, afterTerminal };
}
