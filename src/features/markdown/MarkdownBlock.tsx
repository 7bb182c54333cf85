// One top-level markdown block rendered with react-markdown. It is memoised on its source, so
// a frozen block is parsed once and never again while the rest of the answer streams in.
// No rehype-raw: raw HTML in the source is shown as text, never as elements.
import { memo } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Element, ElementContent } from 'hast';
import { CodeBlock } from './CodeBlock.tsx';
import { SafeImage, SafeLink, ScrollTable } from './elements.tsx';
import { safeUrl } from './safeUrl.ts';

const REMARK_PLUGINS = [remarkGfm];
function textOf(nodes: readonly ElementContent[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') text += node.value;
    else if (node.type === 'element') text += textOf(node.children);
  }
  return text;
}

function codeOf(pre: Element | undefined): { code: string; language: string | undefined } {
  const code = pre?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties.className;
  const languageClass = Array.isArray(classes)
    ? classes.map(String).find((name) => name.startsWith('language-'))
    : undefined;
  return {
    code: textOf(code?.children ?? []).replace(/\n$/, ''),
    language: languageClass?.slice('language-'.length),
  };
}

function components(highlight: boolean): Components {
  return {
    a: SafeLink,
    img: SafeImage,
    table: ScrollTable,
    pre: ({ node }) => {
      const { code, language } = codeOf(node);
      return <CodeBlock code={code} language={language} highlight={highlight} />;
    },
  };
}

const FINAL_COMPONENTS = components(true);
const STREAMING_COMPONENTS = components(false);

export interface MarkdownBlockProps {
  source: string;
  /** False while the block may still grow: code is shown without colours. */
  final: boolean;
}

export const MarkdownBlock = memo(function MarkdownBlock({ source, final }: MarkdownBlockProps) {
  return (
    <Markdown
      remarkPlugins={REMARK_PLUGINS}
      urlTransform={safeUrl}
      components={final ? FINAL_COMPONENTS : STREAMING_COMPONENTS}
    >
      {source}
    </Markdown>
  );
});
