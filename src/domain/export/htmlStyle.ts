// The exported page's only styling: inline, no url() (nothing to fetch), system fonts, and the
// reader's own light/dark preference.
export const EXPORT_CSS = `
:root { color-scheme: light dark; --bg: #f7f7f5; --surface: #fff; --text: #1d1d1f; --muted: #5f6368;
  --border: #d9dadc; --accent: #2f5d8a; --user: #eef3f9; --warn: #9a6700; --danger: #b3261e; --code: #f1f1ef; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #151618; --surface: #1f2023; --text: #ececec; --muted: #a4a7ab; --border: #3a3c40;
    --accent: #8ab4f8; --user: #243244; --warn: #f0c36d; --danger: #f2b8b5; --code: #2a2b2f; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.6;
  font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; }
main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
a { color: var(--accent); }
.muted { color: var(--muted); font-size: 0.9rem; }
.contents { margin: 1rem 0; padding-left: 1.4rem; }
.conversation { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 1rem 1.1rem; margin: 1.5rem 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1rem; font-size: 0.9rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; }
.messages { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.9rem; }
.message { border-radius: 10px; padding: 0.6rem 0.8rem; border: 1px solid var(--border); }
.message.user { background: var(--user); }
.message.partial { border-left: 4px solid var(--warn); }
.message.error { border-left: 4px solid var(--danger); }
.message-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; font-size: 0.85rem; color: var(--muted); }
.role { font-weight: 700; color: var(--text); }
.status { font-weight: 600; }
.partial .status { color: var(--warn); }
.error .status { color: var(--danger); }
.user-text { white-space: pre-wrap; margin: 0.4rem 0 0; }
.body > :first-child { margin-top: 0.4rem; }
.body > :last-child { margin-bottom: 0.2rem; }
.facts { margin: 0.4rem 0 0; font-size: 0.8rem; color: var(--muted); }
.summary-of { margin: 0.2rem 0 0; font-size: 0.85rem; font-weight: 600; color: var(--accent); }
.marker { text-align: center; font-size: 0.85rem; color: var(--muted); border-top: 1px dashed var(--border); padding-top: 0.4rem; }
.citations { margin: 0.5rem 0 0; padding-top: 0.4rem; border-top: 1px solid var(--border); font-size: 0.88rem; }
.citations h4 { margin: 0 0 0.2rem; font-size: 0.85rem; color: var(--muted); }
.citations ol { margin: 0; padding: 0; list-style: none; }
.citations li { margin: 0.15rem 0; }
.excerpt { display: block; color: var(--muted); }
pre { background: var(--code); border-radius: 8px; padding: 0.7rem 0.8rem; overflow-x: auto; white-space: pre-wrap; }
pre[data-language]::before { content: attr(data-language); display: block; font-size: 0.75rem; color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Consolas, "D2Coding", monospace; font-size: 0.9em; }
:not(pre) > code { background: var(--code); border-radius: 4px; padding: 0.05rem 0.3rem; }
blockquote { margin: 0.5rem 0; padding-left: 0.8rem; border-left: 3px solid var(--border); color: var(--muted); }
table { border-collapse: collapse; margin: 0.5rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: 0.25rem 0.5rem; text-align: left; }
footer { text-align: center; margin-top: 2rem; }
@media print { body { background: #fff; color: #000; } .conversation { break-inside: auto; border: none; padding: 0; } .message { break-inside: avoid; } }
`;
