// One top-level markdown block rendered with react-markdown. It is memoised on its source, so
// a frozen block is parsed once and never again while the rest of the answer streams in.
// No rehype-raw: raw HTML in the source is shown as text, never as elements.
import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Element, ElementContent } from 'hast';
import { CodeBlock } from './CodeBlock.tsx';
import { safeUrl } from './safeUrl.ts';

const REMARK_PLUGINS = [remarkGfm];
const LINK_REL = 'noopener noreferrer nofollow';

function urlTransform(url: string): string | undefined {
  return safeUrl(url);
}

function SafeLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  if (href === undefined || href === '') return <span className="md-inert-link">{children}</span>;
  return (
    <a href={href} target="_blank" rel={LINK_REL}>
      {children}
    </a>
  );
}

// Remote images are never fetched: an image URL written by a model can carry conversation data
// to a third party. The image becomes a link the user can choose to open.
function SafeImage({ src, alt }: { src?: string | Blob | undefined; alt?: string | undefined }) {
  const label = alt || (typeof src === 'string' ? src : '');
  if (typeof src !== 'string' || src === '') return <span className="md-inert-link">{label}</span>;
  return (
    <a className="md-image-link" href={src} target="_blank" rel={LINK_REL}>
      {label}
    </a>
  );
}

function ScrollTable({ children }: { children?: ReactNode }) {
  return (
    <div className="md-table-scroll">
      <table>{children}</table>
    </div>
  );
}

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
      urlTransform={urlTransform}
      components={final ? FINAL_COMPONENTS : STREAMING_COMPONENTS}
    >
      {source}
    </Markdown>
  );
});
