// A chat answer as GitHub-flavoured markdown, cheap to update while it streams: the text is
// split into top-level blocks, finished blocks are rendered once (memoised, with react-markdown),
// and only the open last block is lexed and rendered again on each update (from marked's tokens).
import { memo, useMemo, useState } from 'react';
import type { Tokens } from 'marked';
import { BlockSplitter } from './blockSplitter.ts';
import { CodeBlock } from './CodeBlock.tsx';
import { MarkdownBlock } from './MarkdownBlock.tsx';
import { MarkdownLabelsContext, type MarkdownLabels } from './labels.ts';
import { repairTail } from './repairTail.ts';
import { TailTokens } from './TailTokens.tsx';
import './markdown.css';

export interface MarkdownMessageProps {
  /** The answer so far. While streaming it must only grow by appending. */
  text: string;
  /** True while more text may arrive; the last block is then treated as unfinished. */
  streaming: boolean;
  /** Labels of the code copy button; defaults follow the app language. */
  labels?: MarkdownLabels | undefined;
  className?: string | undefined;
}

export function MarkdownMessage({ text, streaming, labels, className }: MarkdownMessageProps) {
  const [splitter] = useState(() => new BlockSplitter());
  const view = useMemo(() => splitter.update(text), [splitter, text]);
  const copyLabel = labels?.copy;
  const copiedLabel = labels?.copied;
  const failedLabel = labels?.copyFailed;
  // A stable object, so passing labels inline does not re-render every code block each frame.
  const labelValue = useMemo(
    () =>
      copyLabel === undefined || copiedLabel === undefined || failedLabel === undefined
        ? undefined
        : { copy: copyLabel, copied: copiedLabel, copyFailed: failedLabel },
    [copyLabel, copiedLabel, failedLabel],
  );

  return (
    <MarkdownLabelsContext.Provider value={labelValue}>
      <div className={className ? `markdown-message ${className}` : 'markdown-message'} aria-busy={streaming}>
        <FrozenBlocks blocks={view.frozen} />
        {view.tail.trim() !== '' && <TailBlock source={view.tail} token={view.tailToken} streaming={streaming} />}
      </div>
    </MarkdownLabelsContext.Provider>
  );
}

// Re-renders only when a block freezes (the array changes identity), not on every chunk.
const FrozenBlocks = memo(function FrozenBlocks({ blocks }: { blocks: readonly string[] }) {
  return blocks.map((source, index) => <MarkdownBlock key={index} source={source} final />);
});

interface TailBlockProps {
  source: string;
  token: { type: string } | undefined;
  streaming: boolean;
}

function TailBlock({ source, token, streaming }: TailBlockProps) {
  if (!streaming) return <MarkdownBlock source={source} final />;
  if (token?.type === 'code') {
    // A streaming code block needs no markdown parse at all: marked already has its text.
    const code = token as Tokens.Code;
    return <CodeBlock code={code.text} language={code.lang?.split(/\s/)[0] || undefined} highlight={false} />;
  }
  return <TailTokens source={repairTail(source)} />;
}
