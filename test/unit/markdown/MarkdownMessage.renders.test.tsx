// @vitest-environment jsdom
// Counts react-markdown renders to show that feeding a long answer chunk by chunk renders each
// finished block once and otherwise only the open tail block.
import { describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import type * as ReactMarkdown from 'react-markdown';
import { MarkdownMessage } from '../../../src/features/markdown/MarkdownMessage.tsx';
import { BlockSplitter } from '../../../src/features/markdown/blockSplitter.ts';
import { makeAnswer } from '../../../bench/corpus.ts';

const renders = vi.hoisted(() => [] as string[]);

vi.mock('react-markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof ReactMarkdown>();
  const Counted: typeof actual.default = (options) => {
    renders.push(String(options.children));
    return actual.default(options);
  };
  return { ...actual, default: Counted };
});

describe('MarkdownMessage while streaming', () => {
  it('renders each finished block once with react-markdown and never re-renders it', () => {
    const text = makeAnswer(1200);
    const splitter = new BlockSplitter();
    const { container, rerender } = render(<MarkdownMessage text="" streaming />);
    let frozenBefore = 0;
    let firstBlock: Element | null = null;
    let updates = 0;

    for (let end = 16; end <= text.length; end += 16) {
      const slice = text.slice(0, end);
      renders.length = 0;
      rerender(<MarkdownMessage text={slice} streaming />);
      updates++;
      const view = splitter.update(slice);
      const frozenNow = view.frozen.length;
      // react-markdown parses only the blocks that froze in this update, never an older block;
      // the open tail is rendered from marked's tokens (see TailTokens.test.tsx).
      expect(renders).toEqual(view.frozen.slice(frozenBefore));
      frozenBefore = frozenNow;
      firstBlock ??= frozenNow > 0 ? container.querySelector('.markdown-message > :first-child') : null;
    }

    expect(updates).toBe(300);
    expect(frozenBefore).toBeGreaterThan(30);
    // The first block's DOM was created once and kept.
    expect(container.querySelector('.markdown-message > :first-child')).toBe(firstBlock);
  });
});
