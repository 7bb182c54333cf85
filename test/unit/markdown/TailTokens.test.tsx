// @vitest-environment jsdom
// The streaming tail is rendered from marked's tokens and the same block, once final, by
// react-markdown. They must produce the same DOM, or blocks would visibly change as they freeze.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { TailTokens } from '../../../src/features/markdown/TailTokens.tsx';
import { MarkdownBlock } from '../../../src/features/markdown/MarkdownBlock.tsx';
import { BlockSplitter } from '../../../src/features/markdown/blockSplitter.ts';
import { makeAnswer } from '../../../bench/corpus.ts';

afterEach(cleanup);

/** innerHTML without line breaks next to tags, which react-markdown keeps and a browser does not show. */
function html(node: React.ReactNode): string {
  const { container } = render(<>{node}</>);
  const out = container.innerHTML.replace(/\s*\n\s*(?=<)/g, '').replace(/(?<=>)\s*\n\s*/g, '').trim();
  cleanup();
  return out;
}

const corpusBlocks = (() => {
  const text = makeAnswer(400);
  const view = new BlockSplitter().update(text);
  return [...view.frozen, view.tail].slice(0, 12);
})();

describe('TailTokens', () => {
  it.each([
    ...corpusBlocks,
    '# Heading with `code` and **bold**\n',
    'A paragraph with *em*, ~~del~~, a [link](https://example.com "t") and a line  \nbreak.\n',
    '1. one\n2. two\n\n   still two\n3. three\n',
    '3. starts at three\n4. four\n',
    '- [x] done\n- [ ] open\n',
    '> quoted **text**\n> - and a list\n',
    '| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n',
    '---\n',
    'A &amp; B &lt;tag&gt; &#44608;\n',
    '[js](javascript:alert(1)) and ![img](https://example.com/x.png)\n',
    '<div onclick="x()">raw html block</div>\n',
    'inline <b>raw</b> html\n',
  ])('renders %j as react-markdown does', (source) => {
    expect(html(<TailTokens source={source} />)).toBe(html(<MarkdownBlock source={source} final={false} />));
  });
});
