// What the offline engine can quote: the latest question, split from the material that came with
// it (document text, numbered passages, earlier turns, context sections of the system prompt).
import type { ChatRequest } from '../families/types.ts';
import { terms } from './similarity.ts';

export interface Paragraph {
  sentences: string[];
  /** The passage number of a `[n] …` passage, for citing. */
  citation?: string;
}

export interface Material {
  question: string;
  paragraphs: Paragraph[];
  numbered: boolean;
}

// Sentences that tell the model how to behave are not material to quote.
const INSTRUCTION =
  /(당신은|너는|답하(세요|라|시오|십시오)|답변(하|해|은|을)|대답|응답하|인용하|출처를|말투|지시|하지 ?마|마크다운|한국어로|영어로|you are|answer|respond|reply|cite|citation|instruction|do not|don't|markdown|in korean|in english)/i;

// In the system prompt, any imperative sentence is an instruction (a pasted manual in a user turn may
// well say "설정 메뉴를 여세요." and still be material).
const IMPERATIVE = /((세요|십시오|하라|마라|말라)[.!]?$|^(act|answer|respond|reply|use|do|be|keep|output|write|translate|if|when|always|never|say|first|end|classify|correct|rewrite)\b)/i;

export type Strictness = 'system' | 'turn' | 'none';

const QUESTION_MARKER = /(?:^|\n)[ \t]*(?:질문|사용자 질문|question|user question|q)[ \t]*[:：][ \t]*/gi;
const REQUEST_LIKE = /[?？]\s*$|요약|정리|알려|설명|무엇|뭐|어디|언제|누구|어떻|왜|몇|번역|주세요|해줘|summar|explain|what|where|when|who|why|how|which|translat|please|tell me/i;

/** Separate the question from material pasted in the same turn. */
export function splitQuestion(turn: string): { question: string; rest: string } {
  const text = turn.trim();
  const tagged = /<question>([\s\S]*?)<\/question>/i.exec(text);
  if (tagged) return { question: tagged[1]!.trim(), rest: text.replace(tagged[0], '') };
  const markers = [...text.matchAll(QUESTION_MARKER)];
  const last = markers[markers.length - 1];
  if (last) {
    const question = text.slice(last.index + last[0].length).trim();
    if (question) return { question, rest: text.slice(0, last.index) };
  }
  let units = text.split(/\n\s*\n/).map((u) => u.trim()).filter(Boolean);
  if (units.length < 2) units = text.split('\n').map((u) => u.trim()).filter(Boolean);
  if (units.length < 2) return { question: text, rest: '' };
  const first = units[0]!;
  const final = units[units.length - 1]!;
  const short = (u: string) => u.length <= 240;
  const pick = short(final) && REQUEST_LIKE.test(final) ? 'last' : short(first) && REQUEST_LIKE.test(first) ? 'first' : short(final) ? 'last' : undefined;
  if (!pick) return { question: text, rest: '' };
  return pick === 'last'
    ? { question: final, rest: units.slice(0, -1).join('\n\n') }
    : { question: first, rest: units.slice(1).join('\n\n') };
}

/** Sentences of one line: split after . ! ? 。 followed by a space. */
export function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.!?。！？])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4 && terms(s).length > 0);
}

const LONE_TAG = /^\s*<\/?[a-zA-Z][\w-]*(\s[^>]*)?>\s*$/;
// "[부분 2/5]", "[Part 2/5]": the labels a combining summary call puts above each part summary.
const PART_LABEL = /^\s*\[[^\]\d][^\]]{0,40}\]\s*$/;

/**
 * A numbered passage opens with its source in parentheses, "(회사 소개 (최종).pdf · p.3)"; that
 * label is for citing, not material. Titles may hold parentheses, so the match is balanced.
 */
export function withoutLabel(passage: string): string {
  const text = passage.trimStart();
  if (!text.startsWith('(')) return passage;
  let depth = 0;
  for (let i = 0; i < Math.min(text.length, 400); i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return text.slice(i + 1).trimStart();
  }
  return passage;
}

function cleanLine(line: string): string {
  return line
    .replace(/<\/?[a-zA-Z][\w-]*(\s[^>]*)?>/g, ' ')
    .replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Paragraphs of one source text; `[n]` lines open numbered passages. */
export function paragraphsOf(text: string, strictness: Strictness): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | undefined;
  const close = () => {
    if (current && current.sentences.length > 0) out.push(current);
    current = undefined;
  };
  for (const raw of text.split('\n')) {
    const numbered = /^\s*\[(\d{1,3})\]\s*(.*)$/.exec(raw);
    if (numbered) {
      close();
      current = { sentences: [], citation: numbered[1]! };
    } else if (raw.trim() === '' || /^\s*#{1,6}\s/.test(raw) || LONE_TAG.test(raw) || PART_LABEL.test(raw)) {
      // Blank lines, headings, lone tags and part labels end a plain paragraph; a passage runs to the next [n].
      if (!current?.citation) close();
      continue;
    }
    const line = cleanLine(numbered ? withoutLabel(numbered[2]!) : raw);
    if (!line) continue;
    current ??= { sentences: [] };
    for (const sentence of splitSentences(line)) {
      if (!current.citation && isInstruction(sentence, strictness)) continue;
      current.sentences.push(sentence);
    }
  }
  close();
  return out;
}

function isInstruction(sentence: string, strictness: Strictness): boolean {
  if (strictness === 'none') return false;
  return INSTRUCTION.test(sentence) || (strictness === 'system' && IMPERATIVE.test(sentence));
}

// The engine's own earlier notes are not material.
const OWN_NOTE = /LOCAL_LLM_URL/;

// What the app wraps in <document>, <passages> or <history> is the user's data: a sentence in it
// that reads like an instruction ("You are required to…") is still material.
const DATA_BLOCK = /<(document|passages|history)>([\s\S]*?)<\/\1>/gi;

function taggedData(text: string): { data: string[]; other: string } {
  const data = [...text.matchAll(DATA_BLOCK)].map((m) => m[2]!);
  return { data, other: text.replace(DATA_BLOCK, '\n\n') };
}

export function gatherMaterial(request: ChatRequest): Material {
  const turns = request.turns;
  let lastUser = turns.length - 1;
  while (lastUser >= 0 && turns[lastUser]!.role !== 'user') lastUser -= 1;
  const latest = turns[lastUser]?.text ?? '';
  const { question, rest } = splitQuestion(latest);
  const { data, other } = taggedData(rest);
  const paragraphs: Paragraph[] = [
    ...paragraphsOf(request.system, 'system'),
    ...turns
      .filter((t, i) => i !== lastUser && !OWN_NOTE.test(t.text))
      .flatMap((t) => paragraphsOf(t.text, 'none')),
    ...data.flatMap((block) => paragraphsOf(block, 'none')),
    ...paragraphsOf(other, 'turn'),
  ];
  const questionKey = question.replace(/\s+/g, ' ');
  for (const p of paragraphs) p.sentences = p.sentences.filter((s) => s !== questionKey && !/[?？]$/.test(s));
  return {
    question,
    paragraphs: paragraphs.filter((p) => p.sentences.length > 0),
    numbered: paragraphs.some((p) => p.citation !== undefined),
  };
}
