// Prompt-string families send one templated string; these parsers recover the system prompt and
// the turns from it, so both engines can treat every family as a chat.
import type { Turn } from './types.ts';

export interface ParsedPrompt {
  system: string;
  turns: Turn[];
}

function finish(system: string, turns: Turn[], fallback: string): ParsedPrompt {
  const kept = turns.filter((t, i) => t.text !== '' || i < turns.length - 1);
  // A trailing empty assistant header is the generation cue, not a turn.
  while (kept.length > 0 && kept[kept.length - 1]!.role === 'assistant' && kept[kept.length - 1]!.text === '') kept.pop();
  if (!kept.some((t) => t.role === 'user')) return { system, turns: [{ role: 'user', text: fallback.trim() }] };
  return { system, turns: kept };
}

/** `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n…<|eot_id|>…` */
export function parseLlama3(prompt: string): ParsedPrompt {
  const headers = /<\|start_header_id\|>\s*(\w+)\s*<\|end_header_id\|>/g;
  const marks = [...prompt.matchAll(headers)];
  if (marks.length === 0) return finish('', [], prompt.replace(/<\|[a-z_]+\|>/g, ''));
  let system = '';
  const turns: Turn[] = [];
  marks.forEach((mark, i) => {
    const start = mark.index + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index : prompt.length;
    const text = prompt.slice(start, end).replace(/<\|eot_id\|>|<\|end_of_text\|>/g, '').trim();
    const role = mark[1]!.toLowerCase();
    if (role === 'system') system = system ? `${system}\n${text}` : text;
    else turns.push({ role: role === 'assistant' ? 'assistant' : 'user', text });
  });
  return finish(system, turns, prompt);
}

/**
 * Llama 2 and Mistral instruct: `<s>[INST] <<SYS>>\n…\n<</SYS>>\n\nuser [/INST] answer </s><s>[INST] …`.
 * Mistral has no <<SYS>> block; a system text then simply leads the first user turn.
 */
export function parseInst(prompt: string): ParsedPrompt {
  let system = '';
  const body = prompt.replace(/<<SYS>>([\s\S]*?)<<\/SYS>>/, (_m, sys: string) => {
    system = sys.trim();
    return '';
  });
  if (!body.includes('[INST]')) return finish(system, [], body.replace(/<\/?s>/g, ''));
  const turns: Turn[] = [];
  for (const part of body.split('[INST]').slice(1)) {
    const [user, assistant] = part.split('[/INST]');
    turns.push({ role: 'user', text: clean(user ?? '') });
    if (assistant !== undefined && clean(assistant) !== '') turns.push({ role: 'assistant', text: clean(assistant) });
  }
  return finish(system, turns, body);
}

function clean(text: string): string {
  return text.replace(/<\/?s>/g, '').trim();
}

const TITAN_ROLE = /^(User|Human|Bot|Assistant|AI):[ \t]?/gm;

/** Titan's `User: …\nBot: …\nUser: …\nBot:`; text before the first role line is the system part. */
export function parseTitan(inputText: string): ParsedPrompt {
  const marks = [...inputText.matchAll(TITAN_ROLE)];
  if (marks.length === 0) return finish('', [], inputText);
  const system = inputText.slice(0, marks[0]!.index).trim();
  const turns: Turn[] = marks.map((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : inputText.length;
    const role = /^(Bot|Assistant|AI)/.test(mark[1]!) ? 'assistant' : 'user';
    return { role, text: inputText.slice(mark.index + mark[0].length, end).trim() };
  });
  return finish(system, turns, inputText);
}
