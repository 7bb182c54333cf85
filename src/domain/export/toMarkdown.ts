// A Markdown rendering for reading and pasting elsewhere. Message text is already Markdown, so it
// goes in as written; only our own headings and metadata lines are added around it.
import type { Citation, Message } from '../types.ts';
import { FILE_LABELS, formatMs, formatNumber, formatTime, modeLabel, problemText, type FileLabels, type FormatOptions } from './labels.ts';
import { safeHref } from './safeMarkdown.ts';
import type { ExportBundle, ExportedConversation } from './schema.ts';

/** Titles and citation names sit inside our own markup, so they are kept to one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function citationLine(citation: Citation, labels: FileLabels): string {
  const title = oneLine(citation.title || citation.documentId).replace(/[[\]]/g, '\\$&');
  const href = citation.uri ? safeHref(citation.uri) : undefined;
  const parts = [href ? `[${title}](<${href}>)` : title];
  if (citation.page !== undefined) parts.push(labels.page(citation.page));
  if (citation.uri && !href) parts.push(`\`${citation.uri.replace(/`/g, "'")}\``);
  const excerpt = citation.excerpt ? `\n   > ${oneLine(citation.excerpt)}` : '';
  return `${citation.index}. ${parts.join(' · ')}${excerpt}`;
}

function messageMarkdown(message: Message, options: FormatOptions): string {
  const labels = FILE_LABELS[options.language];
  const when = formatTime(message.createdAt, options);
  if (message.role === 'marker') {
    const text = message.marker === 'memory-cleared' ? labels.memoryCleared : message.text || labels.role.marker;
    return `---\n\n*${text} · ${when}*`;
  }
  const problem = problemText(message.status, message.errorCode, labels);
  const status = message.status === 'complete' ? '' : ` · **${labels.status[message.status]}**${problem ? ` (${problem})` : ''}`;
  const lines = [`### ${labels.role[message.role]} · ${when}${status}`, ''];
  if (message.document) lines.push(`*${labels.summaryOf(oneLine(message.document.fileName))}*`, '');
  lines.push(message.text === '' ? `*${labels.empty}*` : message.text);
  if (message.citations && message.citations.length > 0) {
    lines.push('', `**${labels.sources}**`, '', ...message.citations.map((c) => citationLine(c, labels)));
  }
  const facts: string[] = [];
  if (message.modelId) facts.push(`${labels.model} \`${message.modelId}\``);
  if (message.usage) facts.push(labels.tokens(formatNumber(message.usage.inputTokens, options.language), formatNumber(message.usage.outputTokens, options.language)));
  if (message.timings?.ttftMs !== undefined) facts.push(`${labels.ttft} ${formatMs(message.timings.ttftMs, options.language)}`);
  if (message.timings) facts.push(`${labels.total} ${formatMs(message.timings.totalMs, options.language)}`);
  if (facts.length > 0) lines.push('', `<sub>${facts.join(' · ')}</sub>`);
  return lines.join('\n');
}

function conversationMarkdown({ conversation, messages }: ExportedConversation, options: FormatOptions, heading: string): string {
  const labels = FILE_LABELS[options.language];
  return [
    `${heading} ${oneLine(conversation.title)}`,
    '',
    `- ${labels.model}: \`${conversation.modelId}\``,
    `- ${labels.mode}: ${modeLabel(conversation.mode, options.language)}`,
    `- ${labels.created}: ${formatTime(conversation.createdAt, options)}`,
    `- ${labels.updated}: ${formatTime(conversation.updatedAt, options)}`,
    '',
    ...messages.map((m) => `${messageMarkdown(m, options)}\n`),
  ].join('\n');
}

export function toMarkdown(bundle: ExportBundle, options: FormatOptions = { language: 'ko' }): string {
  const labels = FILE_LABELS[options.language];
  const exported = `*${labels.exportedAt}: ${formatTime(bundle.exportedAt, options)}*`;
  const only = bundle.conversations.length === 1 ? bundle.conversations[0] : undefined;
  if (only) return `${conversationMarkdown(only, options, '#')}\n${exported}\n`;
  const body = bundle.conversations.map((entry) => conversationMarkdown(entry, options, '##'));
  return [`# ${labels.documentTitle}`, '', `${exported} · ${labels.conversations(bundle.conversations.length)}`, '', ...body].join('\n');
}
