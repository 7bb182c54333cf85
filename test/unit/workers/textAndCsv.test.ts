import { describe, expect, it } from 'vitest';
import type { ParseProgress } from '../../../src/domain/ports.ts';
import { parseDocument } from '../../../src/workers/parseDocument.ts';
import { CSV_HEADER, csvText, TXT_SAMPLE } from '../../../scripts/makeDocumentFixtures.ts';
import { expectAppError, fixture } from './support.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, fileName: string, extra: Partial<Parameters<typeof parseDocument>[1]> = {}) =>
  parseDocument(bytes, { fileName, ...extra });

/** What the model reads for the three fixture rows (the multi-line memo on one line). */
const FIXTURE_ROW_LINES = [
  '이름: 김민준 | 도시: 서울 | 메모: 첫 번째 고객',
  '이름: 이서연 | 도시: 부산 | 메모: 쉼표, 그리고 "따옴표"가 있는 메모',
  '이름: 박지훈 | 도시: 대구 | 메모: 두 줄로 나뉜 메모',
];

describe('parseDocument: TXT', () => {
  it.each(['utf8.txt', 'utf8-bom.txt', 'utf16le-bom.txt', 'utf16be-bom.txt', 'utf16le.txt', 'utf16be.txt', 'cp949.txt'])(
    '%s reads back the exact Korean text',
    async (name) => {
      const parsed = await parse(fixture(name), name);
      expect(parsed).toMatchObject({ type: 'txt', text: TXT_SAMPLE, language: 'ko' });
      expect(parsed.text).not.toMatch(/[\ufeff\ufffd]/);
    },
  );

  it('reports the encoding it read', async () => {
    expect((await parse(fixture('cp949.txt'), 'a.txt')).encoding).toBe('euc-kr');
    expect((await parse(fixture('utf16be.txt'), 'a.txt')).encoding).toBe('utf-16be');
  });

  it('turns CRLF into LF and detects English', async () => {
    const parsed = await parse(utf8('Hello there.\r\nSecond line.\r\n'), 'notes.txt');
    expect(parsed).toMatchObject({ text: 'Hello there.\nSecond line.\n', language: 'en', encoding: 'utf-8' });
  });

  it('refuses empty, whitespace-only, binary and archive files with their own codes', async () => {
    await expectAppError(parse(new Uint8Array(), 'empty.txt'), 'file-empty');
    await expectAppError(parse(utf8(' \r\n\t\n'), 'blank.txt'), 'file-empty');
    await expectAppError(parse(Uint8Array.from({ length: 512 }, (_, i) => (i * 31) & 0xff), 'dump.txt'), 'file-binary');
    await expectAppError(parse(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0), 'report.docx'), 'unsupported-file');
  });
});

describe('parseDocument: CSV (real papaparse)', () => {
  it('reads a CP949 CSV from Korean Excel: columns, rows, encoding and model text', async () => {
    const parsed = await parse(fixture('cp949.csv'), '고객.csv');
    expect(parsed).toMatchObject({ type: 'csv', rows: 3, columns: CSV_HEADER, encoding: 'euc-kr', language: 'ko' });
    expect(parsed.text).toBe(['Columns: 이름 | 도시 | 메모', 'Rows: 3', ...FIXTURE_ROW_LINES].join('\n'));
  });

  it('sniffs a semicolon delimiter and keeps quoted commas, semicolons and newlines inside fields', async () => {
    const parsed = await parse(fixture('semicolon.csv'), 'semicolon.csv');
    expect(parsed.columns).toEqual(CSV_HEADER);
    expect(parsed.rows).toBe(3);
    const lines = parsed.text.split('\n');
    expect(lines).toContain('이름: 이서연 | 도시: 부산 | 메모: 쉼표, 세미콜론; 그리고 "따옴표"가 있는 메모');
    expect(lines).toContain(FIXTURE_ROW_LINES[2]);
  });

  it('reads tabs in a .tsv and sniffs them in a .csv', async () => {
    for (const name of ['tab.tsv', 'tab.csv']) {
      const parsed = await parse(fixture(name), name);
      expect(parsed.columns).toEqual(CSV_HEADER);
      expect(parsed.text.split('\n').slice(2)).toEqual(FIXTURE_ROW_LINES);
    }
  });

  it('treats text/csv content as a table even without the extension', async () => {
    const parsed = await parse(utf8('a,b\n1,2\n'), 'export', { contentType: 'text/csv' });
    expect(parsed).toMatchObject({ type: 'csv', columns: ['a', 'b'], rows: 1 });
  });

  it('names blank and extra columns, skips empty cells and blank lines, escapes pipes', async () => {
    const parsed = await parse(utf8('name,,note\nKim,x,a|b\n\n,,\nLee,,,extra\n'), 'odd.csv');
    expect(parsed.columns).toEqual(['name', 'column 2', 'note']);
    expect(parsed.text).toBe(['Columns: name | column 2 | note', 'Rows: 2', 'name: Kim | column 2: x | note: a\\|b', 'name: Lee | column 4: extra'].join('\n'));
  });

  it('reads a header-only file as zero rows and refuses blank or binary CSVs', async () => {
    expect(await parse(utf8('a;b;c\n'), 'header.csv')).toMatchObject({ rows: 0, columns: ['a', 'b', 'c'] });
    await expectAppError(parse(utf8('\n \n'), 'blank.csv'), 'file-empty');
    await expectAppError(parse(Uint8Array.from({ length: 512 }, (_, i) => (i * 31) & 0xff), 'data.csv'), 'file-binary');
  });

  it('streams a large file in chunks with byte progress and counts every row', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [String(i + 1), `서울 ${i}`, `"메모, ${i}"\n둘째 줄`]);
    const bytes = utf8(csvText([['id', 'city', 'memo'], ...rows], ','));
    const progress: ParseProgress[] = [];
    const parsed = await parse(bytes, 'big.csv', { onProgress: (p) => progress.push(p) });
    expect(parsed.rows).toBe(40_000);
    expect(parsed.text.split('\n').at(-1)).toBe('id: 40000 | city: 서울 39999 | memo: "메모, 39999" 둘째 줄');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.unit === 'bytes' && p.total === bytes.length)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(bytes.length);
  });

  it('returns nothing when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectAppError(parse(fixture('cp949.csv'), 'a.csv', { signal: controller.signal }), 'aborted');
  });
});
