// A small markdown-to-HTML renderer for exported files. Model output is untrusted, so every piece
// of text is HTML-escaped before any markup is added, markup is only ever our own fixed tags, and
// the one attribute that carries user text (a link's href) is limited to http(s) and mailto and
// escaped. Covers what chat answers use: paragraphs, line breaks, headings, lists, quotes, code
// blocks, tables, bold/italic/strikethrough, inline code and links. Anything else stays plain text.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const LIVE_URL = /^(?:https?:\/\/|mailto:)[^\s]+$/i;

/** http(s) and mailto only; anything else (javascript:, data:, relative) gets no link. */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  return LIVE_URL.test(trimmed) ? trimmed : undefined;
}

export function linkHtml(href: string, innerHtml: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${innerHtml}</a>`;
}

// Placeholders hold finished HTML while the rest of the line is escaped and emphasised. The marker
// is a private-use character stripped from the input first, so the text can never forge one.
const SLOT = '\uE000';
const SLOT_PATTERN = /\uE000(\d+)\uE000/g;

const CODE_SPAN = /(`+)([^`\n]|[^`\n][\s\S]*?[^`\n])\1(?!`)/g;
const MD_LINK = /\[([^\]\n]+)\]\(\s*<?([^\s<>()]+)>?(?:\s+"[^"\n]*")?\s*\)/g;
const BARE_URL = /\b(?:https?:\/\/|mailto:)[^\s<>"'`\uE000]+/gi;

function trimUrlTail(url: string): [string, string] {
  let end = url.length;
  while (end > 0 && /[.,;:!?'")\]]/.test(url[end - 1] ?? '')) {
    const c = url[end - 1];
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
    if (c === ')' && (url.slice(0, end).match(/\(/g)?.length ?? 0) >= (url.slice(0, end).match(/\)/g)?.length ?? 0)) break;
    end--;
  }
  return [url.slice(0, end), url.slice(end)];
}

function emphasise(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>')
    .replace(/(^|[^*\w])\*(?=[^\s*])([\s\S]*?[^\s*])\*(?![*\w])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>');
}

/** One line (or a table cell, or a paragraph's lines joined by \n) to inline HTML. */
export function renderInline(text: string, { links = true } = {}): string {
  const slots: string[] = [];
  text = text.replace(/\uE000/g, '');
  const hold = (html: string) => `${SLOT}${slots.push(html) - 1}${SLOT}`;
  let work = text.replace(CODE_SPAN, (_m, _ticks: string, code: string) => hold(`<code>${escapeHtml(code.trim() === '' ? code : code.replace(/^ (.*) $/s, '$1'))}</code>`));
  if (links) {
    work = work.replace(MD_LINK, (whole, label: string, url: string) => {
      const href = safeHref(url);
      return href ? hold(linkHtml(href, renderInline(label, { links: false }))) : whole;
    });
    work = work.replace(BARE_URL, (url: string) => {
      const [kept, tail] = trimUrlTail(url);
      return kept.length > 'mailto:'.length ? hold(linkHtml(kept, escapeHtml(kept))) + tail : url;
    });
  }
  const html = emphasise(escapeHtml(work)).replace(/\n/g, '<br>\n');
  return html.replace(SLOT_PATTERN, (_m, i: string) => slots[Number(i)] ?? '');
}

// ---- blocks ------------------------------------------------------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const MAX_QUOTE_DEPTH = 8;

interface ListItem {
  indent: number;
  ordered: boolean;
  start: number;
  text: string;
}

function renderList(items: ListItem[], from: number): { html: string; next: number } {
  const first = items[from];
  if (!first) return { html: '', next: from };
  const tag = first.ordered ? 'ol' : 'ul';
  const startAttr = first.ordered && first.start !== 1 ? ` start="${first.start}"` : '';
  let html = `<${tag}${startAttr}>`;
  let i = from;
  while (i < items.length) {
    const item = items[i];
    if (!item || item.indent < first.indent) break;
    if (item.indent === first.indent && item.ordered !== first.ordered) break;
    html += `<li>${renderInline(item.text)}`;
    i++;
    const child = items[i];
    if (child && child.indent > first.indent) {
      const nested = renderList(items, i);
      html += nested.html;
      i = nested.next;
    }
    html += '</li>';
  }
  return { html: `${html}</${tag}>`, next: i };
}

function splitRow(line: string): string[] {
  const cells = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
  return cells.map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function renderTable(lines: string[]): string {
  const [head = '', , ...body] = lines;
  const headers = splitRow(head);
  const row = (cells: string[], tag: 'th' | 'td') =>
    `<tr>${headers.map((_h, i) => `<${tag}>${renderInline(cells[i] ?? '')}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${row(headers, 'th')}</thead><tbody>${body.map((line) => row(splitRow(line), 'td')).join('')}</tbody></table>`;
}

function renderBlocks(lines: string[], depth: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${renderInline(paragraph.join('\n'))}</p>`);
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const language = (fence[2] ?? '').replace(/[^\w+#.-]/g, '');
      const code: string[] = [];
      i++;
      while (i < lines.length) {
        const inner = lines[i] ?? '';
        if (inner.trim().startsWith(marker[0]!.repeat(marker.length)) && inner.trim().replace(/[`~]/g, '') === '') break;
        code.push(inner);
        i++;
      }
      i++;
      const label = language ? ` data-language="${escapeHtml(language)}"` : '';
      out.push(`<pre${label}><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.trim() === '') {
      flush();
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, (heading[1]?.length ?? 1) + 2);
      out.push(`<h${level}>${renderInline(heading[2] ?? '')}</h${level}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      flush();
      out.push('<hr>');
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
      flush();
      const quoted: string[] = [];
      for (let m = QUOTE.exec(lines[i] ?? ''); m && i < lines.length; m = QUOTE.exec(lines[++i] ?? '')) quoted.push(m[1] ?? '');
      out.push(`<blockquote>${renderBlocks(quoted, depth + 1)}</blockquote>`);
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      const items: ListItem[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i] ?? '');
        if (m) {
          const marker = m[2] ?? '-';
          const ordered = /\d/.test(marker);
          items.push({ indent: (m[1] ?? '').replace(/\t/g, '    ').length, ordered, start: ordered ? parseInt(marker, 10) : 1, text: m[3] ?? '' });
        } else if (/^\s+\S/.test(lines[i] ?? '') && items.length > 0) {
          // An indented line under an item continues that item's text.
          const last = items[items.length - 1]!;
          last.text += `\n${(lines[i] ?? '').trim()}`;
        } else break;
        i++;
      }
      // A later item less indented than the first starts a list of its own.
      for (let at = 0; at < items.length; ) {
        const list = renderList(items, at);
        out.push(list.html);
        at = list.next;
      }
      continue;
    }
    if (line.includes('|') && TABLE_SEPARATOR.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').includes('-')) {
      flush();
      const table = [line, lines[i + 1] ?? ''];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') table.push(lines[i++] ?? '');
      out.push(renderTable(table));
      continue;
    }
    paragraph.push(line);
    i++;
  }
  flush();
  return out.join('\n');
}

/** Markdown text → safe HTML fragment. */
export function renderMarkdown(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n');
  return renderBlocks(clean.split('\n'), 0);
}
