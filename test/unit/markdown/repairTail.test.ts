import { describe, expect, it } from 'vitest';
import { repairTail } from '../../../src/features/markdown/repairTail.ts';

describe('repairTail', () => {
  it.each([
    ['plain text', 'plain text'],
    ['some **bold', 'some **bold**'],
    ['some **bold** done', 'some **bold** done'],
    ['some **bold\n', 'some **bold**\n'],
    ['ends with opener **', 'ends with opener'],
    ['~~gone', '~~gone~~'],
    ['**bold ~~struck', '**bold ~~struck~~**'],
    ['~~struck **bold', '~~struck **bold**~~'],
    ['run `npm i', 'run `npm i`'],
    ['run `npm **i', 'run `npm **i`'],
    ['code `a` and **b', 'code `a` and **b**'],
    ['한국어 **굵게', '한국어 **굵게**'],
    ['- item **one', '- item **one**'],
  ])('%j becomes %j', (input, expected) => {
    expect(repairTail(input)).toBe(expected);
  });
});
