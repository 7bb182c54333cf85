import { describe, expect, it } from 'vitest';
import { isPdf, sniffType } from '../../../src/workers/sniffType.ts';
import { expectAppErrorSync, fixture } from './support.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffType', () => {
  it('finds a PDF by its header whatever the name, also after junk bytes', () => {
    const pdf = fixture('korean-cid.pdf');
    expect(sniffType(pdf, 'report.txt')).toBe('pdf');
    expect(sniffType(pdf, 'no-extension')).toBe('pdf');
    expect(isPdf(new Uint8Array([...bytes('garbage\r\n'), ...pdf]))).toBe(true);
  });

  it('reports a .pdf (or application/pdf) that is not a PDF as corrupt', () => {
    expect(expectAppErrorSync(() => sniffType(fixture('not-a-pdf.pdf'), 'not-a-pdf.pdf'), 'file-corrupt').message).toMatch(/PDF/);
    expectAppErrorSync(() => sniffType(bytes('hello'), 'download', 'application/pdf'), 'file-corrupt');
  });

  it.each([
    ['report.docx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['photo.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['photo.jpg', [0xff, 0xd8, 0xff, 0xe0]],
    ['old.hwp', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['archive.txt', [0x1f, 0x8b, 0x08, 0x00]],
  ])('refuses %s as an unsupported type', (name, signature) => {
    expectAppErrorSync(() => sniffType(Uint8Array.from([...signature, 0, 0, 0, 0]), name), 'unsupported-file');
  });

  it('sends .csv/.tsv (or their MIME types) to the table reader and the rest to text', () => {
    const text = bytes('a,b\n1,2\n');
    expect(sniffType(text, 'Data.CSV')).toBe('csv');
    expect(sniffType(text, 'export', 'text/csv; charset=utf-8')).toBe('csv');
    expect(sniffType(text, 'data.tsv')).toBe('tsv');
    expect(sniffType(text, 'data', 'text/tab-separated-values')).toBe('tsv');
    expect(sniffType(text, 'notes.txt')).toBe('txt');
    expect(sniffType(text, 'README.md')).toBe('txt');
  });

  it('refuses an empty file first', () => {
    expectAppErrorSync(() => sniffType(new Uint8Array(), 'empty.pdf'), 'file-empty');
  });
});
