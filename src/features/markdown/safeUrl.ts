// Model output is untrusted: only absolute http(s) and mailto URLs stay live. Everything else
// (javascript:, data:, vbscript:, relative paths, #anchors) loses its href and renders as text.
const LIVE_URL = /^(?:https?:\/\/|mailto:)/i;

export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  return LIVE_URL.test(trimmed) ? trimmed : undefined;
}
