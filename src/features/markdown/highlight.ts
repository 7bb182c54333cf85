// Syntax highlighting is loaded on first use and rendered as React elements from lowlight's
// tree, so highlighted code never goes through innerHTML.
import { createElement, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ElementContent, Root } from 'hast';

export interface Highlighter {
  /** The highlighted tree, or undefined for a language it does not know. */
  highlight(language: string, code: string): Root | undefined;
}

let highlighter: Highlighter | undefined;
let loading: Promise<Highlighter> | undefined;

export function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlightLanguages.ts').then((module) => (highlighter = module.highlighter));
  return loading;
}

/** Highlighted code once the highlighter has loaded, or undefined to show the plain text. */
export function useHighlightedCode(code: string, language: string | undefined, enabled: boolean): ReactNode | undefined {
  const wanted = enabled && language !== undefined && language !== '';
  const [loaded, setLoaded] = useState(() => highlighter !== undefined);

  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    loadHighlighter().then(
      () => { if (live) setLoaded(true); },
      // Colours are a nicety: if the chunk cannot load, the code stays readable as plain text.
      (error: unknown) => console.warn('syntax highlighting unavailable', error),
    );
    return () => { live = false; };
  }, [wanted, loaded]);

  return useMemo(() => {
    if (!wanted || !loaded || highlighter === undefined) return undefined;
    const tree = highlighter.highlight(language.toLowerCase(), code);
    return tree === undefined ? undefined : renderHast(tree.children);
  }, [wanted, loaded, language, code]);
}

function renderHast(nodes: readonly ElementContent[] | Root['children']): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element') return null;
    const className = node.properties.className;
    return createElement(
      'span',
      { key: index, className: Array.isArray(className) ? className.join(' ') : undefined },
      renderHast(node.children),
    );
  });
}
