import { describe, expect, it } from 'vitest';
import { createIdGenerator, idTime, newId } from '../../../src/domain/ids.ts';

describe('ids', () => {
  it('sort by creation time as plain strings, also within one millisecond and when the clock steps back', () => {
    const times = [1000, 1000, 1000, 999, 5000, 36 ** 8 + 1];
    let i = 0;
    const next = createIdGenerator(() => times[i++] ?? 0, () => 0.99);
    const ids = times.map(() => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map(idTime)).toEqual([1000, 1000, 1000, 1000, 5000, 36 ** 8 + 1]);
  });

  it('has a fixed width of 20 lowercase base36 characters', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-z]{20}$/);
    expect(Math.abs(idTime(id) - Date.now())).toBeLessThan(5000);
  });

  it('differs between generators in the same millisecond through the random part', () => {
    const a = createIdGenerator(() => 42)();
    const b = createIdGenerator(() => 42)();
    expect(a.slice(0, 12)).toBe(b.slice(0, 12));
    expect(a).not.toBe(b);
  });
});
