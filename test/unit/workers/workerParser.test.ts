import { describe, expect, it, vi } from 'vitest';
import type { ParseProgress } from '../../../src/domain/ports.ts';
import { WorkerDocumentParser, type WorkerLike } from '../../../src/workers/workerParser.ts';
import { CHANNEL, handleParseRequest, TEXT_PART, type ParseReply, type ParseRequest } from '../../../src/workers/workerProtocol.ts';
import { ENCRYPTED_PDF_PASSWORD, KOREAN_PDF_PAGES } from '../../../scripts/makeDocumentFixtures.ts';
import { expectAppError, fixture, nodePdf } from './support.ts';

/**
 * Stands in for `new Worker(...)`: runs the real worker handler in this process and delivers
 * replies asynchronously through structuredClone, as a worker's postMessage would.
 */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  requests: ParseRequest[] = [];

  postMessage(message: ParseRequest): void {
    this.requests.push(message);
    // The page's asset URLs are for the browser; under Node pdf.js reads the files from disk.
    const request = { ...message, pdf: nodePdf };
    // pdf.js's worker module posts a "ready" of its own on the worker scope; the parser must skip it.
    this.deliver({ sourceName: 'pdf.js', targetName: 'main', action: 'ready' });
    void handleParseRequest(request, (reply) => this.deliver(reply));
  }

  private deliver(data: unknown): void {
    const copy = structuredClone(data);
    setTimeout(() => {
      if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function parserWith(worker: WorkerLike) {
  return new WorkerDocumentParser({ cMapUrl: 'https://app.example/pdfjs/cmaps/', standardFontDataUrl: 'https://app.example/pdfjs/standard_fonts/', createWorker: () => worker });
}

const blob = (name: string, type = '') => new Blob([fixture(name) as Uint8Array<ArrayBuffer>], { type });

describe('WorkerDocumentParser', () => {
  it('sends the file and the asset URLs, forwards progress, returns the parsed document and ends the worker', async () => {
    const worker = new InProcessWorker();
    const progress: ParseProgress[] = [];
    const parsed = await parserWith(worker).parse(blob('korean-cid.pdf', 'application/pdf'), {
      fileName: 'korean-cid.pdf',
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    expect(parsed.text.startsWith(KOREAN_PDF_PAGES[0]![0]!)).toBe(true);
    expect(parsed.pages).toBe(3);
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, unit: 'pages' });
    expect(worker.terminated).toBe(true);
    expect(worker.requests[0]).toMatchObject({
      channel: CHANNEL,
      fileName: 'korean-cid.pdf',
      contentType: 'application/pdf',
      pdf: { cMapUrl: 'https://app.example/pdfjs/cmaps/', standardFontDataUrl: 'https://app.example/pdfjs/standard_fonts/' },
    });
    expect(worker.requests[0]!.file).toBeInstanceOf(Blob);
  });

  it('turns the worker’s { code, message } back into an AppError, and passes the password', async () => {
    const parser = parserWith(new InProcessWorker());
    const signal = new AbortController().signal;
    const error = await expectAppError(parser.parse(blob('encrypted.pdf'), { fileName: 'e.pdf', signal }), 'file-encrypted');
    expect(error.message).toMatch(/password/);
    await expectAppError(parserWith(new InProcessWorker()).parse(blob('encrypted.pdf'), { fileName: 'e.pdf', password: 'nope', signal }), 'file-password-wrong');
    const parsed = await parserWith(new InProcessWorker()).parse(blob('encrypted.pdf'), { fileName: 'e.pdf', password: ENCRYPTED_PDF_PASSWORD, signal });
    expect(parsed.text).toContain('암호가 걸린 문서입니다.');
  });

  it('sends a long text in pieces and puts it back together exactly, even across a surrogate pair', async () => {
    const worker = new InProcessWorker();
    const seen: string[] = [];
    const text = `a${'서연 😀 text\n'.repeat(Math.ceil((TEXT_PART * 2.5) / 11))}`;
    const parser = parserWith(worker);
    const parsing = parser.parse(new Blob([text]), { fileName: 'long.txt', signal: new AbortController().signal });
    // Watch the replies the parser receives.
    const handler = worker.onmessage!;
    worker.onmessage = (event) => {
      seen.push((event.data as { type?: string }).type ?? 'foreign');
      handler(event);
    };
    const parsed = await parsing;
    expect(parsed.text).toBe(text);
    expect(seen.filter((type) => type === 'text')).toHaveLength(Math.ceil(text.length / TEXT_PART));
    expect(seen.at(-1)).toBe('done');
  });

  it('reads CSV through the worker too', async () => {
    const parsed = await parserWith(new InProcessWorker()).parse(blob('cp949.csv'), { fileName: 'cp949.csv', signal: new AbortController().signal });
    expect(parsed).toMatchObject({ type: 'csv', rows: 3, encoding: 'euc-kr' });
  });

  it('terminates the worker on abort and rejects with aborted, ignoring anything that still arrives', async () => {
    const terminate = vi.fn();
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: vi.fn(), terminate };
    const controller = new AbortController();
    const onProgress = vi.fn();
    const parsing = parserWith(worker).parse(new Blob(['x']), { fileName: 'a.txt', signal: controller.signal, onProgress });
    worker.onmessage?.({ data: { channel: CHANNEL, type: 'progress', progress: { done: 1, total: 2, unit: 'bytes' } } } as MessageEvent<ParseReply>);
    controller.abort();
    await expectAppError(parsing, 'aborted');
    expect(terminate).toHaveBeenCalledTimes(1);
    expect(worker.onmessage).toBeNull();
    expect(onProgress).toHaveBeenCalledTimes(1);
  });

  it('does not start a worker when the signal is already aborted', async () => {
    const createWorker = vi.fn(() => new InProcessWorker());
    const controller = new AbortController();
    controller.abort();
    const parser = new WorkerDocumentParser({ cMapUrl: 'x', standardFontDataUrl: 'y', createWorker });
    await expectAppError(parser.parse(new Blob(['x']), { fileName: 'a.txt', signal: controller.signal }), 'aborted');
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('reports a worker that fails to start and unknown codes as unknown errors', async () => {
    const failing: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => failing.onerror?.({ message: 'SyntaxError in worker', preventDefault() {} } as ErrorEvent), 0);
      },
      terminate: vi.fn(),
    };
    const error = await expectAppError(parserWith(failing).parse(new Blob(['x']), { fileName: 'a.txt', signal: new AbortController().signal }), 'unknown');
    expect(error.message).toContain('SyntaxError in worker');

    const odd: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => odd.onmessage?.({ data: { channel: CHANNEL, type: 'error', code: 'no-such-code', message: 'm' } } as MessageEvent), 0);
      },
      terminate: vi.fn(),
    };
    await expectAppError(parserWith(odd).parse(new Blob(['x']), { fileName: 'a.txt', signal: new AbortController().signal }), 'unknown');
  });

  it('defaults the asset URLs to the app’s served pdfjs folders', () => {
    const requests: ParseRequest[] = [];
    const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: (m) => requests.push(m), terminate() {} };
    void new WorkerDocumentParser({ createWorker: () => worker }).parse(new Blob(['x']), { fileName: 'a.txt', signal: new AbortController().signal });
    expect(requests[0]!.pdf.cMapUrl).toMatch(/\/pdfjs\/cmaps\/$/);
    expect(requests[0]!.pdf.standardFontDataUrl).toMatch(/\/pdfjs\/standard_fonts\/$/);
    expect(() => new URL(requests[0]!.pdf.cMapUrl)).not.toThrow();
  });
});

describe('handleParseRequest', () => {
  it('posts progress, then exactly one error with a code and no text for a bad file', async () => {
    const replies: ParseReply[] = [];
    await handleParseRequest(
      { channel: CHANNEL, file: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])]), fileName: 'x.png', pdf: nodePdf },
      (r) => replies.push(r),
    );
    expect(replies).toEqual([{ channel: CHANNEL, type: 'error', code: 'unsupported-file', message: expect.stringContaining('PNG') }]);
  });
});

describe('handleParseRequest: unexpected failures', () => {
  it('keeps what an unexpected error said instead of a bare "unknown"', async () => {
    const replies: ParseReply[] = [];
    const broken = { arrayBuffer: () => Promise.reject(new TypeError('blob went away')) } as unknown as Blob;
    await handleParseRequest({ channel: CHANNEL, file: broken, fileName: 'a.txt', pdf: nodePdf }, (r) => replies.push(r));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'error', code: 'unknown' });
    expect((replies[0] as { message: string }).message).toContain('blob went away');
  });
});
