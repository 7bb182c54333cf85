import { describe, expect, it, vi } from 'vitest';
import { Lexer } from 'marked';
import { BlockSplitter, type BlockView } from '../../../src/features/markdown/blockSplitter.ts';
import { makeAnswer } from '../../../bench/corpus.ts';

/** Feeds `text` in chunks of the given sizes (cycled) and returns every view along the way. */
function feed(text: string, sizes: number[] = [4]): BlockView[] {
  const splitter = new BlockSplitter();
  const views: BlockView[] = [];
  let end = 0;
  for (let step = 0; end < text.length; step++) {
    end = Math.min(text.length, end + sizes[step % sizes.length]!);
    views.push(splitter.update(text.slice(0, end)));
  }
  return views;
}

const blockTypes = (source: string) =>
  new Lexer().blockTokens(source, []).filter((token) => token.type !== 'space').map((token) => token.type);

describe('BlockSplitter', () => {
  const answer = makeAnswer(1500);

  it('never changes a block once it is frozen', () => {
    const views = feed(answer, [1, 3, 4, 7, 13]);
    for (let i = 1; i < views.length; i++) {
      const before = views[i - 1]!.frozen;
      const after = views[i]!.frozen;
      expect(after.length).toBeGreaterThanOrEqual(before.length);
      expect(after.slice(0, before.length)).toEqual(before);
    }
  });

  it('covers the whole text with frozen blocks and the tail, and cuts where a full parse would', () => {
    const last = feed(answer, [5]).at(-1)!;
    expect(last.frozen.join('') + last.tail).toBe(answer);
    expect(last.frozen.length).toBeGreaterThan(40);
    const types = [...last.frozen, last.tail].map((block) => {
      const inner = blockTypes(block);
      expect(inner).toHaveLength(1);
      return inner[0];
    });
    expect(types).toEqual(blockTypes(answer));
  });

  it('keeps the frozen array identical between updates that freeze nothing', () => {
    const splitter = new BlockSplitter();
    const first = splitter.update('# Title\n\nSome text');
    const second = splitter.update('# Title\n\nSome text that grows');
    expect(second.frozen).toBe(first.frozen);
    expect(second.tail).toBe('Some text that grows');
  });

  it('lexes the tail again on every update and freezes a block once the next one starts', () => {
    const splitter = new BlockSplitter();
    expect(splitter.update('Hello')).toMatchObject({ frozen: [], tail: 'Hello' });
    expect(splitter.update('Hello **wor').tailToken?.type).toBe('paragraph');
    const view = splitter.update('Hello **world**\n\n# He');
    expect(view.frozen).toEqual(['Hello **world**\n\n']);
    expect(view.tail).toBe('# He');
    expect(view.tailToken?.type).toBe('heading');
  });

  it('keeps a fenced code block open across chunks, blank lines included, until it is closed', () => {
    const splitter = new BlockSplitter();
    const parts = ['Intro\n\n```ts\nconst a = 1;\n', '\n\n# not a heading\n', 'const b = 2;\n```\n', '\nAfter'];
    let text = '';
    const views = parts.map((part) => splitter.update((text += part)));
    expect(views[1]!.frozen).toEqual(['Intro\n\n']);
    expect(views[1]!.tailToken?.type).toBe('code');
    expect(views[1]!.tail).toContain('# not a heading');
    expect(views[2]!.frozen).toHaveLength(1);
    expect(views[3]!.frozen).toEqual(['Intro\n\n', '```ts\nconst a = 1;\n\n\n# not a heading\nconst b = 2;\n```\n\n']);
    expect(views[3]!.tail).toBe('After');
  });

  it('keeps a table in the tail while rows arrive and freezes it whole', () => {
    const splitter = new BlockSplitter();
    const rows = ['| 이름 | 값 |\n', '|---|---:|\n', '| 가 | 1 |\n', '| 나 | 2 |\n', '\n다음 문단'];
    let text = '';
    const views = rows.map((row) => splitter.update((text += row)));
    expect(views[3]!.frozen).toEqual([]);
    expect(views[3]!.tailToken?.type).toBe('table');
    expect(views[4]!.frozen).toEqual(['| 이름 | 값 |\n|---|---:|\n| 가 | 1 |\n| 나 | 2 |\n\n']);
    expect(views[4]!.tailToken?.type).toBe('paragraph');
  });

  it('lexes only the text after the frozen blocks, so the work per update does not grow', () => {
    const spy = vi.spyOn(Lexer.prototype, 'blockTokens');
    try {
      const text = makeAnswer(4000);
      feed(text, [4]);
      const lexed = spy.mock.calls.map((call) => String(call[0]).length);
      // The largest block of the corpus (a table or code block) is well under 400 characters.
      expect(Math.max(...lexed)).toBeLessThan(400);
    } finally {
      spy.mockRestore();
    }
  });

  it('starts over when the text is replaced rather than extended', () => {
    const splitter = new BlockSplitter();
    splitter.update('# One\n\nfirst answer\n\nmore');
    const view = splitter.update('# Two\n\nsecond');
    expect(view.frozen).toEqual(['# Two\n\n']);
    expect(view.tail).toBe('second');
    expect(splitter.update('').frozen).toEqual([]);
  });

  it('handles CRLF line endings without losing or duplicating text', () => {
    const text = 'First\r\n\r\n- a\r\n- b\r\n\r\nLast line';
    const last = feed(text, [2, 3]).at(-1)!;
    expect(last.frozen).toEqual(['First\n\n', '- a\n- b\n\n']);
    expect(last.tail).toBe('Last line');
  });
});
