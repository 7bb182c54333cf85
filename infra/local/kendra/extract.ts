// Text out of a BatchPutDocument blob. The app extracts PDFs in the browser and sends their text
// as PLAIN_TEXT, so only text formats are read here; binary formats are refused with a reason
// rather than indexed as garbage.

export type Extracted = { ok: true; text: string; title?: string } | { ok: false; message: string };

const TEXT_TYPES = new Set(['PLAIN_TEXT', 'CSV', 'MD', 'HTML', 'XML', 'XSLT', 'JSON']);
const BINARY_TYPES = new Set(['PDF', 'MS_WORD', 'PPT', 'RTF', 'MS_EXCEL']);
export const CONTENT_TYPES = new Set([...TEXT_TYPES, ...BINARY_TYPES]);

export function extractText(blob: Buffer, contentType: string | undefined): Extracted {
  const type = contentType ?? 'PLAIN_TEXT';
  if (BINARY_TYPES.has(type)) {
    return {
      ok: false,
      message: `The local Kendra index accepts extracted text only; it cannot read ${type} files. Send the document's text with ContentType PLAIN_TEXT.`,
    };
  }
  const raw = decodeUtf8(blob);
  switch (type) {
    case 'HTML':
    case 'XML':
    case 'XSLT':
      return markupText(raw);
    case 'MD':
      return { ok: true, text: markdownText(raw) };
    case 'JSON':
      return jsonText(raw);
    default:
      return { ok: true, text: raw };
  }
}

function decodeUtf8(blob: Buffer): string {
  const text = blob.toString('utf8');
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).normalize('NFC');
}

const BLOCK_TAGS = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|hr|dt|dd)\b[^>]*>/gi;

function markupText(raw: string): Extracted {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(raw);
  const body = raw
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(BLOCK_TAGS, '\n\n')
    .replace(/<[^>]+>/g, ' ');
  const text = decodeEntities(body)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const title = titleMatch ? decodeEntities(titleMatch[1]!.replace(/<[^>]+>/g, '')).trim() : '';
  return title ? { ok: true, text, title } : { ok: true, text };
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', middot: '·', hellip: '…', ndash: '–', mdash: '—' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Markdown punctuation would otherwise show up in passages handed to the model.
function markdownText(raw: string): string {
  return raw
    .replace(/^```[^\n]*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .trim();
}

function jsonText(raw: string): Extracted {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { ok: false, message: `The JSON document could not be parsed: ${(error as Error).message}` };
  }
  const lines: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      lines.push(key ? `${key}: ${String(v)}` : String(v));
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, key);
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) walk(item, k);
    }
  };
  walk(value);
  return { ok: true, text: lines.join('\n') };
}
