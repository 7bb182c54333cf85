// The same component behind import(): react-markdown, remark-gfm and marked (~55 KiB gzip) then
// stay out of the JavaScript that loads before the sign-in screen. Until the chunk arrives the
// text is shown as plain text, so nothing waits on it.
import { lazy, Suspense } from 'react';
import type { MarkdownMessageProps } from './MarkdownMessage.tsx';

const loadMarkdown = () => import('./MarkdownMessage.tsx');
const Loaded = lazy(() => loadMarkdown().then((module) => ({ default: module.MarkdownMessage })));

/** Starts loading the renderer early, e.g. right after sign-in. */
export function preloadMarkdown(): void {
  void loadMarkdown();
}

export function LazyMarkdownMessage(props: MarkdownMessageProps) {
  return (
    <Suspense fallback={<div className="markdown-message markdown-pending" style={{ whiteSpace: 'pre-wrap' }}>{props.text}</div>}>
      <Loaded {...props} />
    </Suspense>
  );
}
