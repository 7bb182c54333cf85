import { describe, expect, it } from 'vitest';
import { sleep } from '../../../src/domain/time.ts';

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await sleep(20, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects with aborted when stopped, at once', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect(sleep(10, controller.signal)).rejects.toMatchObject({ code: 'aborted' });
  });
});
