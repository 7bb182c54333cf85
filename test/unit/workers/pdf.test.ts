import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { ParseProgress } from '../../../src/domain/ports.ts';
import { parseDocument } from '../../../src/workers/parseDocument.ts';
import type { PdfjsLib } from '../../../src/workers/pdf.ts';
import { ENCRYPTED_PDF_LINES, ENCRYPTED_PDF_PASSWORD, KOREAN_PDF_PAGES } from '../../../scripts/makeDocumentFixtures.ts';
import { expectAppError, fixture, nodePdf } from './support.ts';

const parse = (name: string, extra: Partial<Parameters<typeof parseDocument>[1]> = {}) =>
  parseDocument(fixture(name), { fileName: name, pdf: nodePdf, ...extra });

describe('parseDocument: PDF (real pdf.js, legacy build under Node)', () => {
  it('the Korean fixture really uses a non-embedded CID font: without CMaps pdf.js reads nothing', async () => {
    const task = getDocument({ data: fixture('korean-cid.pdf'), verbosity: 0 });
    const document = await task.promise;
    const page = await document.getPage(1);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('');
    await task.destroy();
    expect(text).not.toContain('대한민국');
  });

  it('extracts the Korean CID-font PDF exactly, page by page, with page starts and progress', async () => {
    const progress: ParseProgress[] = [];
    const parsed = await parse('korean-cid.pdf', { onProgress: (p) => progress.push(p) });
    const pages = KOREAN_PDF_PAGES.map((lines) => lines.join('\n'));
    expect(parsed.type).toBe('pdf');
    expect(parsed.text).toBe(pages.join('\n\n'));
    expect(parsed.pages).toBe(3);
    expect(parsed.language).toBe('ko');
    expect(parsed.pageStarts).toEqual([0, pages[0]!.length + 2, pages[0]!.length + pages[1]!.length + 4]);
    // Each page start points at that page's first sentence.
    parsed.pageStarts!.forEach((start, i) => expect(parsed.text.startsWith(KOREAN_PDF_PAGES[i]![0]!, start)).toBe(true));
    expect(progress).toEqual([0, 1, 2, 3].map((done) => ({ done, total: 3, unit: 'pages' })));
  });

  it('keeps a Korean sentence drawn syllable by syllable in one piece, words split only at gaps', async () => {
    const parsed = await parse('korean-cid.pdf');
    const sentence = KOREAN_PDF_PAGES[1]![2]!;
    expect(sentence).toBe('한국어 단어가 글자마다 따로 놓여도 붙어 나와야 한다.');
    expect(parsed.text.split('\n')).toContain(sentence);
  });

  it('reads a PDF by its content even when it is named .txt', async () => {
    const parsed = await parseDocument(fixture('korean-cid.pdf'), { fileName: 'renamed.txt', pdf: nodePdf });
    expect(parsed.type).toBe('pdf');
    expect(parsed.text).toContain('대한민국은 민주공화국이다.');
  });

  it('asks for the password of an encrypted PDF, rejects a wrong one and opens with the right one', async () => {
    await expectAppError(parse('encrypted.pdf'), 'file-encrypted');
    await expectAppError(parse('encrypted.pdf', { password: 'not-it' }), 'file-password-wrong');
    const parsed = await parse('encrypted.pdf', { password: ENCRYPTED_PDF_PASSWORD });
    expect(parsed.text).toBe(ENCRYPTED_PDF_LINES.join('\n'));
    expect(parsed.pageStarts).toEqual([0]);
  });

  it('reports a PDF with only drawings and an image (a scan) as having no text', async () => {
    await expectAppError(parse('no-text.pdf'), 'file-no-text');
  });

  it('reports non-PDF bytes named .pdf and a truncated PDF as corrupt', async () => {
    await expectAppError(parse('not-a-pdf.pdf'), 'file-corrupt');
    await expectAppError(parse('truncated.pdf'), 'file-corrupt');
  });

  it('leaves the caller’s bytes readable (pdf.js gets its own copy)', async () => {
    const bytes = fixture('korean-cid.pdf');
    await parseDocument(bytes, { fileName: 'a.pdf', pdf: nodePdf });
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });

  it('stops on abort after some pages and returns no partial text', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const error = await expectAppError(
      parse('korean-cid.pdf', {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p.done);
          if (p.done === 1) controller.abort();
        },
      }),
      'aborted',
    );
    expect(error.code).toBe('aborted');
    expect(progress).toEqual([0, 1]);
  });

  it('fails the whole document when a later page cannot be read (nothing half-parsed)', async () => {
    const real = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsLib;
    const brokenPage3: PdfjsLib = {
      ...real,
      getDocument: (source: Parameters<PdfjsLib['getDocument']>[0]) => {
        const task = real.getDocument(source);
        const promise = task.promise.then((document) => {
          const getPage = document.getPage.bind(document);
          document.getPage = (n: number) => (n === 3 ? Promise.reject(new Error('Bad XRef entry')) : getPage(n));
          return document;
        });
        return { promise, destroy: () => task.destroy() } as unknown as ReturnType<PdfjsLib['getDocument']>;
      },
    } as PdfjsLib;
    const progress: number[] = [];
    await expectAppError(
      parse('korean-cid.pdf', { pdf: { ...nodePdf, load: async () => brokenPage3 }, onProgress: (p) => progress.push(p.done) }),
      'file-corrupt',
    );
    expect(progress).toEqual([0, 1, 2]);
  });

  it('needs the CMap and font locations to read a PDF at all', async () => {
    await expect(parseDocument(fixture('korean-cid.pdf'), { fileName: 'a.pdf' })).rejects.toThrow(/cMapUrl/);
  });
});
