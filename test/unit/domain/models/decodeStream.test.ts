import { describe, expect, it } from 'vitest';
import anthropicFixture from '../fixtures/anthropic.json';
import { decodeStream } from '../../../../src/domain/models/decodeStream.ts';
import { FAMILIES } from '../../../../src/domain/models/registry.ts';
import type { StreamEvent } from '../../../../src/domain/stream.ts';
import { fold } from '../support/streams.ts';

async function* chunksThen(chunks: unknown[], error?: unknown): AsyncGenerator<unknown> {
  for (const chunk of chunks) yield chunk;
  if (error) throw error;
}

async function collect(iterable: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe('decodeStream', () => {
  it('decodes a whole recorded stream into deltas, usage and one message-end', async () => {
    const events = await collect(decodeStream(FAMILIES.anthropic, chunksThen(anthropicFixture.streams['korean-end-turn'])));
    const folded = fold(events);
    expect(folded.text).toBe('안녕하세요!');
    expect(folded.usage).toEqual({ inputTokens: 12, outputTokens: 5 });
    expect(events.at(-1)).toEqual({ type: 'message-end', stopReason: 'end', raw: 'end_turn' });
  });

  it('turns an exception thrown mid-stream into a final error event after the text', async () => {
    const chunks = anthropicFixture.streams['korean-end-turn'].slice(0, 3);
    const thrown = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const events = await collect(decodeStream(FAMILIES.anthropic, chunksThen(chunks, thrown)));
    expect(fold(events).text).toBe('안녕');
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'throttled', message: 'slow down' } });
  });

  it('reports aborted, not a network error, when the signal fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collect(decodeStream(FAMILIES.anthropic, chunksThen([], new TypeError('Failed to fetch')), controller.signal));
    expect(events).toEqual([expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'aborted' }) })]);
  });

  it('stops reading once the message ended', async () => {
    let pulled = 0;
    async function* counting() {
      for (const chunk of anthropicFixture.streams['korean-end-turn']) {
        pulled++;
        yield chunk;
      }
      pulled++;
      yield { type: 'content_block_delta', delta: { type: 'text_delta', text: 'extra' } };
    }
    const events = await collect(decodeStream(FAMILIES.anthropic, counting()));
    expect(fold(events).text).toBe('안녕하세요!');
    expect(pulled).toBe(anthropicFixture.streams['korean-end-turn'].length);
  });
});
