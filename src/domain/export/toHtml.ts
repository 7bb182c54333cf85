// One self-contained HTML file a person can open offline years later: inline style, no script, no
// resource URLs (a CSP meta tag forbids them as a second line of defence), every piece of stored
// text escaped. Links inside answers stay plain http(s)/mailto anchors that load nothing until clicked.
import type { Citation, Message } from '../types.ts';
import { EXPORT_CSS } from './htmlStyle.ts';
import { FILE_LABELS, formatMs, formatNumber, formatTime, modeLabel, problemText, type FileLabels, type FormatOptions } from './labels.ts';
import { escapeHtml, linkHtml, renderMarkdown, safeHref } from './safeMarkdown.ts';
import type { ExportBundle, ExportedConversation } from './schema.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

function timeHtml(iso: string, options: FormatOptions): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatTime(iso, options))}</time>`;
}

function citationHtml(citation: Citation, labels: FileLabels): string {
  const href = citation.uri ? safeHref(citation.uri) : undefined;
  const title = escapeHtml(citation.title || citation.documentId);
  const parts = [`[${citation.index}] ${href ? linkHtml(href, title) : title}`];
  if (citation.page !== undefined) parts.push(escapeHtml(labels.page(citation.page)));
  if (citation.uri && !href) parts.push(`<span class="muted">${escapeHtml(citation.uri)}</span>`);
  const excerpt = citation.excerpt ? `<span class="excerpt">${escapeHtml(citation.excerpt)}</span>` : '';
  return `<li value="${citation.index}">${parts.join(' · ')}${excerpt}</li>`;
}

function factsHtml(message: Message, options: FormatOptions, labels: FileLabels): string {
  const { language } = options;
  const facts: string[] = [];
  if (message.modelId) facts.push(`${labels.model} ${escapeHtml(message.modelId)}`);
  if (message.usage) {
    facts.push(escapeHtml(labels.tokens(formatNumber(message.usage.inputTokens, language), formatNumber(message.usage.outputTokens, language))));
  }
  if (message.timings?.ttftMs !== undefined) facts.push(`${labels.ttft} ${escapeHtml(formatMs(message.timings.ttftMs, language))}`);
  if (message.timings) facts.push(`${labels.total} ${escapeHtml(formatMs(message.timings.totalMs, language))}`);
  return facts.length > 0 ? `<p class="facts">${facts.join(' · ')}</p>` : '';
}

function messageHtml(message: Message, options: FormatOptions): string {
  const labels = FILE_LABELS[options.language];
  if (message.role === 'marker') {
    const text = message.marker === 'memory-cleared' ? labels.memoryCleared : message.text || labels.role.marker;
    return `<li class="marker" role="separator">${escapeHtml(text)} · ${timeHtml(message.createdAt, options)}</li>`;
  }
  const problem = problemText(message.status, message.errorCode, labels);
  const status =
    message.status === 'complete' ? '' : `<span class="status">${escapeHtml(labels.status[message.status])}${problem ? ` · ${escapeHtml(problem)}` : ''}</span>`;
  const summary = message.document ? `<p class="summary-of">${escapeHtml(labels.summaryOf(message.document.fileName))}</p>` : '';
  const head = `<div class="message-head"><span class="role">${escapeHtml(labels.role[message.role])}</span>${timeHtml(message.createdAt, options)}${status}</div>${summary}`;
  const body =
    message.text === ''
      ? `<p class="muted">${escapeHtml(labels.empty)}</p>`
      : message.role === 'user'
        ? `<p class="user-text">${escapeHtml(message.text)}</p>`
        : `<div class="body">${renderMarkdown(message.text)}</div>`;
  const citations =
    message.citations && message.citations.length > 0
      ? `<section class="citations"><h4>${escapeHtml(labels.sources)}</h4><ol>${message.citations.map((c) => citationHtml(c, labels)).join('')}</ol></section>`
      : '';
  return `<li class="message ${message.role} ${message.status}">${head}${body}${citations}${factsHtml(message, options, labels)}</li>`;
}

function conversationHtml({ conversation, messages }: ExportedConversation, options: FormatOptions): string {
  const labels = FILE_LABELS[options.language];
  const meta: Array<[string, string]> = [
    [labels.model, escapeHtml(conversation.modelId)],
    [labels.mode, escapeHtml(modeLabel(conversation.mode, options.language))],
    [labels.created, timeHtml(conversation.createdAt, options)],
    [labels.updated, timeHtml(conversation.updatedAt, options)],
  ];
  return [
    '<article class="conversation">',
    `<header><h2>${escapeHtml(conversation.title)}</h2>`,
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl></header>`,
    `<ol class="messages">${messages.map((m) => messageHtml(m, options)).join('\n')}</ol>`,
    '</article>',
  ].join('\n');
}

export function toHtml(bundle: ExportBundle, options: FormatOptions): string {
  const labels = FILE_LABELS[options.language];
  const only = bundle.conversations.length === 1 ? bundle.conversations[0] : undefined;
  const title = only ? only.conversation.title || labels.documentTitle : labels.documentTitle;
  const contents =
    bundle.conversations.length > 1
      ? `<ol class="contents">${bundle.conversations
          .map(({ conversation, messages }) => `<li>${escapeHtml(conversation.title)} <span class="muted">(${escapeHtml(labels.messages(messages.length))})</span></li>`)
          .join('')}</ol>`
      : '';
  return [
    '<!doctype html>',
    `<html lang="${options.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="Seoyeon export v${bundle.version}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${EXPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">${escapeHtml(labels.exportedAt)}: ${timeHtml(bundle.exportedAt, options)} · ${escapeHtml(labels.conversations(bundle.conversations.length))}</p></header>`,
    contents,
    ...bundle.conversations.map((entry) => conversationHtml(entry, options)),
    `<footer class="muted">${escapeHtml(labels.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
