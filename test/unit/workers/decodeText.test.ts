import { describe, expect, it } from 'vitest';
import { decodeText, normalizeNewlines } from '../../../src/workers/decodeText.ts';
import { encodeCp949, encodeUtf16, TXT_SAMPLE } from '../../../scripts/makeDocumentFixtures.ts';
import { expectAppErrorSync, fixture } from './support.ts';

describe('decodeText', () => {
  it.each([
    ['utf8.txt', 'utf-8'],
    ['utf8-bom.txt', 'utf-8'],
    ['utf16le-bom.txt', 'utf-16le'],
    ['utf16be-bom.txt', 'utf-16be'],
    ['utf16le.txt', 'utf-16le'],
    ['utf16be.txt', 'utf-16be'],
    ['cp949.txt', 'euc-kr'],
  ])('reads %s as %s, with no BOM or replacement character left', (name, encoding) => {
    const decoded = decodeText(fixture(name));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(TXT_SAMPLE);
    expect(decoded.text).not.toMatch(/[\ufeff\ufffd]/);
  });

  it('tells CP949 from UTF-8 on Korean-only text with no ASCII at all', () => {
    const decoded = decodeText(encodeCp949('가나다라마바사아자차카타파하'));
    expect(decoded).toEqual({ text: '가나다라마바사아자차카타파하', encoding: 'euc-kr' });
  });

  it('reads BOM-less UTF-16 when ASCII is only a small part (spaces and line breaks)', () => {
    const text = '대한민국은 민주공화국이다\n주권은 국민에게 있다\n';
    expect(decodeText(encodeUtf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(encodeUtf16(text, 'be', false))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('refuses an empty file', () => {
    expectAppErrorSync(() => decodeText(new Uint8Array()), 'file-empty');
  });

  it('refuses bytes that are no text in any of the encodings', () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expectAppErrorSync(() => decodeText(noise), 'file-binary');
  });

  it('refuses valid UTF-8 full of control characters (a binary dump)', () => {
    const bytes = Uint8Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expectAppErrorSync(() => decodeText(bytes), 'file-binary');
  });

  it('refuses a UTF-16 BOM followed by an unpaired surrogate', () => {
    expectAppErrorSync(() => decodeText(Uint8Array.of(0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00)), 'file-binary');
  });

  it('normalizes CRLF and lone CR to LF', () => {
    expect(normalizeNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});
