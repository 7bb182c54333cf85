import { memo, useEffect, useState } from 'react';
import { useHighlightedCode } from './highlight.ts';
import { useMarkdownLabels } from './labels.ts';

export interface CodeBlockProps {
  code: string;
  language: string | undefined;
  /** Colour the code. Off while the block is still streaming, so each frame stays cheap. */
  highlight: boolean;
}

type CopyState = 'idle' | 'copied' | 'failed';

export const CodeBlock = memo(function CodeBlock({ code, language, highlight }: CodeBlockProps) {
  const labels = useMarkdownLabels();
  const highlighted = useHighlightedCode(code, language, highlight);
  const [copyState, setCopyState] = useState<CopyState>('idle');

  useEffect(() => {
    if (copyState === 'idle') return;
    const timer = setTimeout(() => setCopyState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copyState]);

  const copy = () => {
    // navigator.clipboard is missing outside secure contexts.
    if (typeof navigator === 'undefined' || navigator.clipboard === undefined) {
      setCopyState('failed');
      return;
    }
    navigator.clipboard.writeText(code).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    );
  };

  const status = copyState === 'copied' ? labels.copied : copyState === 'failed' ? labels.copyFailed : '';
  return (
    <div className="md-code">
      <div className="md-code-header">
        <span className="md-code-language">{language || 'text'}</span>
        <button type="button" className="md-code-copy secondary" onClick={copy} aria-label={labels.copy}>
          {copyState === 'idle' ? labels.copy : status}
        </button>
        <span className="md-visually-hidden" role="status" aria-live="polite">
          {status}
        </span>
      </div>
      <pre>
        <code className={language ? `language-${language} hljs` : undefined}>{highlighted ?? code}</code>
      </pre>
    </div>
  );
});
