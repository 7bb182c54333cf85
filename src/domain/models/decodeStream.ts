// The whole decoding side of ChatModel.stream, minus the SDK: src/aws turns each `chunk.bytes` into
// JSON and hands the iterable here; whatever it throws becomes the final `error` event.
import { AppError, toAppError } from '../errors.ts';
import type { StreamEvent } from '../stream.ts';
import { createDecodeState, finishStream } from './decodeState.ts';
import type { ModelFamily } from './family.ts';

export async function* decodeStream(
  family: ModelFamily,
  chunks: AsyncIterable<unknown>,
  signal?: AbortSignal,
): AsyncGenerator<StreamEvent, void, undefined> {
  const state = createDecodeState();
  try {
    for await (const json of chunks) {
      for (const event of family.decodeChunk(json, state)) yield event;
      if (state.ended) return;
    }
  } catch (e) {
    yield { type: 'error', error: signal?.aborted ? new AppError('aborted', { cause: e }) : toAppError(e, 'model') };
    return;
  }
  if (signal?.aborted) {
    yield { type: 'error', error: new AppError('aborted') };
    return;
  }
  yield* finishStream(state);
}
