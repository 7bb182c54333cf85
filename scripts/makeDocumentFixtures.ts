// Writes the small document fixtures the parser tests read (test/fixtures/documents/), and exports
// the generators the bench uses for its large files (a 120-page PDF, a 50 MB CSV).
// Run: npx tsx scripts/makeDocumentFixtures.ts
//
// The PDFs are written byte by byte on purpose: the case that matters most for Korean users, a
// CID font that is NOT embedded and is addressed through a predefined CMap (UniKS-UCS2-H,
// Adobe-Korea1), is exactly what modern tools no longer produce.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_DIR = path.join(root, 'test', 'fixtures', 'documents');

// ---- what the fixtures say (the tests compare against these) ------------------------------------

export const KOREAN_PDF_PAGES: readonly (readonly string[])[] = [
  ['대한민국 헌법 제1조', '대한민국은 민주공화국이다.', '대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다.'],
  ['서연은 브라우저에서 동작하는 한국어 챗봇입니다.', 'Seoyeon reads Korean PDF files.', '한국어 단어가 글자마다 따로 놓여도 붙어 나와야 한다.'],
  ['세 번째 쪽: 가나다라마바사 ABC 123.', '마지막 문장은 여기에서 끝난다.'],
];
export const ENCRYPTED_PDF_PASSWORD = 'seoyeon-1234';
export const ENCRYPTED_PDF_LINES = ['암호가 걸린 문서입니다.', 'The password opens this document.'];
export const TXT_SAMPLE = '서연 문서 테스트입니다.\n두 번째 줄: 한글과 English가 섞여 있습니다.\n세 번째 줄에는 숫자 12345가 있습니다.\n';
export const CSV_HEADER = ['이름', '도시', '메모'];
export const CSV_ROWS = [
  ['김민준', '서울', '첫 번째 고객'],
  ['이서연', '부산', '쉼표, 그리고 "따옴표"가 있는 메모'],
  ['박지훈', '대구', '두 줄로\n나뉜 메모'],
];

// ---- a tiny PDF writer ---------------------------------------------------------------------------

interface PdfObject {
  /** The dictionary without /Length; streams get /Length added. */
  dict: string;
  stream?: Uint8Array;
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** UCS-2 big-endian code units, which is what UniKS-UCS2-H maps to Adobe-Korea1 CIDs. */
const ucs2Hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
const pdfString = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Run of text in the Korean CID font (F1) or Helvetica (F2), at an absolute position. */
export interface TextRun {
  x: number;
  y: number;
  font: 'ko' | 'en';
  text: string;
  size?: number;
}

export function textOps(runs: TextRun[]): string {
  return runs
    .map((run) => {
      const size = run.size ?? 12;
      const shown = run.font === 'ko' ? `<${ucs2Hex(run.text)}>` : pdfString(run.text);
      return `BT /${run.font === 'ko' ? 'F1' : 'F2'} ${size} Tf ${run.x} ${run.y} Td ${shown} Tj ET`;
    })
    .join('\n');
}

/** One run per line, 20 pt apart, from the top of an A4 page. */
export function linesOps(lines: readonly string[], top = 780): string {
  return textOps(lines.map((text, i) => ({ x: 56, y: top - i * 20, font: /[가-힣]/.test(text) ? 'ko' : 'en', text })));
}

/**
 * Draws each syllable on its own (BT … ET at an absolute x), with word gaps left empty instead of
 * space glyphs — how many Korean generators place text, and what splits words in naive joins.
 */
export function glyphByGlyphOps(text: string, x: number, y: number, size = 12): string {
  const runs: TextRun[] = [];
  let at = x;
  for (const char of text) {
    if (char === ' ') {
      at += size * 0.5;
      continue;
    }
    runs.push({ x: Math.round(at * 100) / 100, y, font: 'ko', text: char, size });
    at += /[가-힣]/.test(char) ? size : size * 0.5;
  }
  return textOps(runs);
}

interface PdfOptions {
  pages: string[];
  encrypt?: { userPassword: string; ownerPassword: string };
  /** Extra objects (e.g. an image) and the page resource entry that names them. */
  xobject?: PdfObject;
}

export function buildPdf({ pages, encrypt, xobject }: PdfOptions): Uint8Array {
  const objects: PdfObject[] = [];
  const add = (object: PdfObject) => objects.push(object);
  add({ dict: '<< /Type /Catalog /Pages 2 0 R >>' });
  add({ dict: '' }); // Pages, filled in once the kids are known
  add({ dict: '<< /Type /Font /Subtype /Type0 /BaseFont /HYSMyeongJo-Medium /Encoding /UniKS-UCS2-H /DescendantFonts [4 0 R] >>' });
  add({
    dict:
      '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HYSMyeongJo-Medium ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (Korea1) /Supplement 1 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  });
  // No FontFile: the font is not embedded, so only the predefined CMap says what the codes mean.
  add({
    dict:
      '<< /Type /FontDescriptor /FontName /HYSMyeongJo-Medium /Flags 6 /FontBBox [0 -148 1001 880] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  });
  add({ dict: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>' });
  let xobjectRef = '';
  if (xobject) {
    add(xobject);
    xobjectRef = ` /XObject << /Im1 ${objects.length} 0 R >>`;
  }
  const kids: number[] = [];
  for (const content of pages) {
    add({ dict: '<<>>', stream: latin1(content) });
    const contentNumber = objects.length;
    add({
      dict:
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contentNumber} 0 R ` +
        `/Resources << /Font << /F1 3 0 R /F2 6 0 R >>${xobjectRef} >> >>`,
    });
    kids.push(objects.length);
  }
  objects[1] = { dict: `<< /Type /Pages /Kids [${kids.map((n) => `${n} 0 R`).join(' ')}] /Count ${kids.length} >>` };

  const fileId = createHash('md5').update(`seoyeon-fixture-${pages.length}-${pages[0]?.length ?? 0}`).digest();
  let trailerExtra = `/ID [<${hex(fileId)}> <${hex(fileId)}>]`;
  let objectKey: ((n: number) => Uint8Array) | undefined;
  if (encrypt) {
    const security = standardSecurity(encrypt.userPassword, encrypt.ownerPassword, fileId);
    add({ dict: security.dict });
    trailerExtra += ` /Encrypt ${objects.length} 0 R`;
    objectKey = security.objectKey;
  }
  return assemble(objects, trailerExtra, objectKey);
}

function assemble(objects: PdfObject[], trailerExtra: string, objectKey?: (n: number) => Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [latin1('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    const number = i + 1;
    offsets.push(offset);
    let body: Uint8Array;
    if (object.stream) {
      const data = objectKey ? rc4(objectKey(number), object.stream) : object.stream;
      const dict = object.dict.replace(/>>\s*$/, ` /Length ${data.length} >>`);
      body = concat([latin1(`${number} 0 obj\n${dict}\nstream\n`), data, latin1('\nendstream\nendobj\n')]);
    } else {
      // Strings inside objects are encrypted too (the font's CIDSystemInfo names Adobe/Korea1 in strings).
      const dict = objectKey
        ? object.dict.replace(/\(([^()\\]*)\)/g, (_, text: string) => `<${hex(rc4(objectKey(number), latin1(text)))}>`)
        : object.dict;
      body = latin1(`${number} 0 obj\n${dict}\nendobj\n`);
    }
    parts.push(body);
    offset += body.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return concat(parts);
}

// ---- standard security handler, RC4 128-bit (V 2, R 3), PDF 1.7 §7.6.3 ----------------------------

const PASSWORD_PAD = Uint8Array.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a'.match(/../g)!.map((h) => parseInt(h, 16)),
);

export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(concat(parts)).digest());
const padPassword = (password: string) => concat([latin1(password), PASSWORD_PAD]).slice(0, 32);
const md5Times50 = (digest: Uint8Array) => {
  for (let i = 0; i < 50; i++) digest = md5(digest);
  return digest;
};
/** RC4 once with the key, then 19 more times with the key XOR 1…19 (R 3). */
const rc4Twenty = (key: Uint8Array, data: Uint8Array) => {
  let out = rc4(key, data);
  for (let i = 1; i <= 19; i++) out = rc4(key.map((b) => b ^ i), out);
  return out;
};

function standardSecurity(userPassword: string, ownerPassword: string, fileId: Uint8Array) {
  const permissions = -1852;
  const ownerKey = md5Times50(md5(padPassword(ownerPassword)));
  const o = rc4Twenty(ownerKey, padPassword(userPassword));
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);
  const key = md5Times50(md5(padPassword(userPassword), o, p, fileId));
  const u = concat([rc4Twenty(key, md5(PASSWORD_PAD, fileId)), new Uint8Array(16)]);
  return {
    dict: `<< /Filter /Standard /V 2 /R 3 /Length 128 /O <${hex(o)}> /U <${hex(u)}> /P ${permissions} >>`,
    objectKey: (n: number) => md5(key, Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, 0, 0)),
  };
}

// ---- the PDF fixtures ---------------------------------------------------------------------------

export function koreanCidPdf(): Uint8Array {
  const [first, second, third] = KOREAN_PDF_PAGES as [string[], string[], string[]];
  return buildPdf({
    pages: [
      linesOps(first),
      `${linesOps(second.slice(0, 2))}\n${glyphByGlyphOps(second[2]!, 56, 740)}`,
      linesOps(third),
    ],
  });
}

export function encryptedPdf(): Uint8Array {
  return buildPdf({
    pages: [linesOps(ENCRYPTED_PDF_LINES)],
    encrypt: { userPassword: ENCRYPTED_PDF_PASSWORD, ownerPassword: 'owner-only-secret' },
  });
}

/** A "scan": a grey image and a drawn frame, no text operators at all. */
export function noTextPdf(): Uint8Array {
  const pixels = Uint8Array.from({ length: 16 * 16 }, (_, i) => (i * 7) & 0xff);
  return buildPdf({
    pages: ['q 0.2 0.2 0.2 RG 2 w 50 50 495 742 re S Q', 'q 400 0 0 400 100 300 cm /Im1 Do Q'],
    xobject: {
      dict: '<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 >>',
      stream: pixels,
    },
  });
}

/** Bench PDF: dense pages alternating Korean and English paragraphs (about 3,000 characters each). */
export function benchPdf(pageCount = 120): Uint8Array {
  const korean = '서연은 한국어 문서를 읽고 요약하며 질문에 답합니다. 페이지 번호와 문장이 정확해야 인용이 맞습니다.';
  const english = 'Seoyeon reads long documents in the browser and keeps page boundaries for citations.';
  const pages: string[] = [];
  for (let page = 1; page <= pageCount; page++) {
    const runs: TextRun[] = [];
    for (let line = 0; line < 46; line++) {
      const ko = line % 2 === 0;
      const text = ko ? `${page}쪽 ${line + 1}행: ${korean}` : `Page ${page}, line ${line + 1}: ${english}`;
      runs.push({ x: 40, y: 800 - line * 16.5, font: ko ? 'ko' : 'en', text, size: ko ? 9 : 10 });
    }
    pages.push(textOps(runs));
  }
  return buildPdf({ pages });
}

// ---- CP949 and UTF-16 ---------------------------------------------------------------------------

let cp949Table: Map<string, number> | undefined;

/**
 * Encodes with the KS X 1001 part of CP949, built by decoding every two-byte code once. Node's
 * TextDecoder('euc-kr') knows only EUC-KR (browsers know all of CP949), so fixtures stay inside it.
 */
export function encodeCp949(text: string): Uint8Array {
  if (!cp949Table) {
    cp949Table = new Map();
    const decoder = new TextDecoder('euc-kr', { fatal: true });
    for (let lead = 0xa1; lead <= 0xfe; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        try {
          const char = decoder.decode(Uint8Array.of(lead, trail));
          if (char.length === 1 && char !== '\ufffd' && !cp949Table.has(char)) cp949Table.set(char, (lead << 8) | trail);
        } catch {
          // not assigned in KS X 1001
        }
      }
    }
  }
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const pair = cp949Table.get(char);
      if (pair === undefined) throw new Error(`not encodable in EUC-KR: ${char}`);
      out.push(pair >> 8, pair & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), endian === 'le');
  return bytes;
}

export function csvText(rows: readonly (readonly string[])[], delimiter: string): string {
  const quote = (value: string) =>
    value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

/** Bench CSV of about `bytes` bytes: id, date, Korean/English names, amounts, quoted notes with commas. */
export function benchCsv(bytes = 50 * 1024 * 1024): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode('id,date,name,city,amount,category,count,note\r\n')];
  let size = parts[0]!.length;
  const cities = ['서울', 'Busan', '대구', 'Incheon', '광주', 'Daejeon'];
  for (let id = 1; size < bytes; id++) {
    const line =
      `${id},2025-0${(id % 9) + 1}-1${id % 10},${id % 2 ? '김서연' : 'Kim Seoyeon'} ${id},${cities[id % cities.length]},` +
      `${(id * 37) % 100000}.${id % 100},${id % 3 ? 'book' : '도서'},${id % 1000},` +
      `"메모 ${id}: 쉼표, ""따옴표"" and text"\r\n`;
    const encoded = encoder.encode(line);
    parts.push(encoded);
    size += encoded.length;
  }
  return concat(parts);
}

// ---- writing the fixtures -----------------------------------------------------------------------

export function fixtureFiles(): Record<string, Uint8Array> {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const table = [CSV_HEADER, ...CSV_ROWS];
  return {
    'korean-cid.pdf': koreanCidPdf(),
    'encrypted.pdf': encryptedPdf(),
    'no-text.pdf': noTextPdf(),
    'not-a-pdf.pdf': utf8('<html><body>This is a web page saved with a .pdf name.</body></html>\n'),
    'truncated.pdf': koreanCidPdf().slice(0, 400),
    'utf8.txt': utf8(TXT_SAMPLE),
    'utf8-bom.txt': concat([Uint8Array.of(0xef, 0xbb, 0xbf), utf8(TXT_SAMPLE)]),
    'utf16le-bom.txt': encodeUtf16(TXT_SAMPLE, 'le', true),
    'utf16be-bom.txt': encodeUtf16(TXT_SAMPLE, 'be', true),
    'utf16le.txt': encodeUtf16(TXT_SAMPLE, 'le', false),
    'utf16be.txt': encodeUtf16(TXT_SAMPLE, 'be', false),
    'cp949.txt': encodeCp949(TXT_SAMPLE),
    'cp949.csv': encodeCp949(csvText(table, ',')),
    'semicolon.csv': utf8(csvText(table, ';').replace('쉼표, 그리고', '쉼표, 세미콜론; 그리고')),
    'tab.tsv': utf8(csvText(table, '\t')),
    'tab.csv': utf8(csvText(table, '\t')),
  };
}

function main() {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(fixtureFiles())) {
    writeFileSync(path.join(FIXTURE_DIR, name), bytes);
    process.stdout.write(`${name}\t${bytes.length} B\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
