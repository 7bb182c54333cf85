// While a block is still streaming it is often cut in the middle of an inline marker
// ("**bold", "`code"). Closing the marker keeps the text from flashing as raw asterisks and then
// jumping when the closer arrives. Only the open tail block is repaired, so this stays cheap.

const PAIRED_MARKERS = ['**', '~~'] as const;

export function repairTail(source: string): string {
  const body = source.trimEnd();
  if (body === '') return source;
  const trailing = source.slice(body.length);

  // An odd number of single backticks means an open code span; markers inside it are literal.
  const singleTicks = body.replace(/`{2,}/g, '').length - body.replace(/`+/g, '').length;
  if (singleTicks % 2 === 1) return body.endsWith('`') ? body.slice(0, -1) + trailing : `${body}\`${trailing}`;

  const outsideCode = body.replace(/`[^`]*`/g, '');
  const open = PAIRED_MARKERS.filter((marker) => outsideCode.split(marker).length % 2 === 0)
    // Close the marker opened last first, so nesting stays well-formed.
    .sort((a, b) => outsideCode.lastIndexOf(b) - outsideCode.lastIndexOf(a));
  if (open.length === 0) return source;

  let repaired = body;
  for (const marker of open) {
    // A bare opener with nothing after it yet ("**") would render as a rule or literal stars.
    if (repaired.endsWith(marker)) repaired = repaired.slice(0, -marker.length).trimEnd();
    else repaired += marker;
  }
  return repaired + trailing;
}
