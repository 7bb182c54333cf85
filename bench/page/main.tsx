// The page that bench/run.ts drives in Chromium. Each approach renders the same answer, fed by a
// timer at a fixed rate; run.ts reads CDP metrics around window.bench.stream().
import { useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Streamdown } from 'streamdown';
import { MarkdownMessage } from '../../src/features/markdown/MarkdownMessage.tsx';
import { loadHighlighter } from '../../src/features/markdown/highlight.ts';
import { chunksOf, makeAnswer } from '../corpus.ts';
import type { Approach, StreamStats } from './protocol.ts';

interface View {
  text: string;
  streaming: boolean;
}
type Sink = (update: (previous: View) => View) => void;

const REMARK_PLUGINS = [remarkGfm];

function Renderer({ approach, view }: { approach: Approach; view: View }) {
  if (approach === 'naive') return <Markdown remarkPlugins={REMARK_PLUGINS}>{view.text}</Markdown>;
  if (approach === 'streamdown') return <Streamdown isAnimating={view.streaming}>{view.text}</Streamdown>;
  return <MarkdownMessage text={view.text} streaming={view.streaming} />;
}

function Harness({ approach, connect, onFinished }: { approach: Approach; connect: (sink: Sink) => void; onFinished: () => void }) {
  const [view, setView] = useState<View>({ text: '', streaming: true });
  useEffect(() => connect(setView), [connect]);
  useEffect(() => {
    if (!view.streaming) onFinished();
  }, [view.streaming, onFinished]);
  useLayoutEffect(() => {
    commits++;
  });
  return <Renderer approach={approach} view={view} />;
}

let commits = 0;
const container = document.getElementById('root')!;

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
}

/** Renders a finished answer once and unmounts it, so the JIT and lazy chunks are warm. */
async function warmUp(approach: Approach): Promise<void> {
  if (approach === 'ours') await loadHighlighter();
  const root = createRoot(container);
  root.render(<Renderer approach={approach} view={{ text: makeAnswer(500, 99), streaming: false }} />);
  await nextFrame();
  await nextFrame();
  root.unmount();
  await nextFrame();
  // Let the warm-up's garbage be collected before the measured stream starts.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

function stream(approach: Approach, tokens: number, intervalMs: number): Promise<StreamStats> {
  const chunks = chunksOf(makeAnswer(tokens));
  const perFrame = approach !== 'naive';
  const longTasks: { atMs: number; durationMs: number }[] = [];
  const record = (entries: PerformanceEntryList) => {
    for (const entry of entries) longTasks.push({ atMs: entry.startTime - started, durationMs: entry.duration });
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'longtask' });
  // Long animation frames say whether a long task was script or style/layout/paint.
  const longFrames: StreamStats['longFrames'] = [];
  const frameObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as LongAnimationFrame[]) {
      longFrames.push({
        atMs: entry.startTime - started,
        durationMs: entry.duration,
        scriptMs: entry.scripts.reduce((sum, script) => sum + script.duration, 0),
        renderMs: entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0,
      });
    }
  });
  frameObserver.observe({ type: 'long-animation-frame' });
  commits = 0;
  const started = performance.now();

  return new Promise((resolve) => {
    let sink: Sink | undefined;
    let text = '';
    let frame = 0;
    let lastChunkAt = 0;
    let maxTimerDelay = 0;

    const flushFrame = () => {
      frame = 0;
      const snapshot = text;
      sink?.((previous) => (previous.streaming ? { text: snapshot, streaming: true } : previous));
    };
    const deliver = (chunk: string) => {
      text += chunk;
      if (!perFrame) sink?.((previous) => ({ text: previous.text + chunk, streaming: true }));
      else if (frame === 0) frame = requestAnimationFrame(flushFrame);
    };
    let sent = 0;
    let expectedAt = started;
    const tick = () => {
      const now = performance.now();
      maxTimerDelay = Math.max(maxTimerDelay, now - expectedAt);
      // Every chunk that is due is delivered, as a socket buffer would after a busy stretch.
      const due = Math.min(chunks.length, Math.floor((now - started) / intervalMs) + 1);
      while (sent < due) deliver(chunks[sent++]!);
      if (sent < chunks.length) {
        expectedAt = now + intervalMs;
        setTimeout(tick, intervalMs);
        return;
      }
      lastChunkAt = performance.now();
      if (frame !== 0) cancelAnimationFrame(frame);
      const finalText = text;
      sink?.(() => ({ text: finalText, streaming: false }));
    };

    const onFinished = () => {
      void nextFrame().then(async (paintedAt) => {
        const finishedAt = performance.now();
        await nextFrame();
        record(observer.takeRecords());
        observer.disconnect();
        frameObserver.disconnect();
        resolve({
          chunks: chunks.length,
          characters: text.length,
          durationMs: finishedAt - started,
          commits,
          longTasks,
          longFrames,
          maxTimerDelayMs: maxTimerDelay,
          finalPaintLagMs: paintedAt - lastChunkAt,
          domNodes: container.getElementsByTagName('*').length,
        });
      });
    };

    const root = createRoot(container);
    root.render(
      <Harness
        approach={approach}
        connect={(next) => {
          sink = next;
          setTimeout(tick, intervalMs);
        }}
        onFinished={onFinished}
      />,
    );
  });
}

interface LongAnimationFrame extends PerformanceEntry {
  renderStart: number;
  scripts: { duration: number }[];
}

declare global {
  interface Window {
    bench: { warmUp: typeof warmUp; stream: typeof stream; ready: boolean };
  }
}
window.bench = { warmUp, stream, ready: true };
