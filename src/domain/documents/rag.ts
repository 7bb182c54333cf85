// Prompts and bookkeeping for answering from the user's documents: rewrite a follow-up into a
// standalone question, number the passages for the model, read back which [n] it cited, and find
// the page a passage came from. The user-turn tags (<history>, <passages>, <question>) are also
// what the local offline engine reads.
import type { Citation, Language, Passage, Prompt, PromptMessage } from '../types.ts';

/** Recent turns are enough to resolve "it" and "that one"; long answers are clipped. */
const CONDENSE_MESSAGES = 6;
const CONDENSE_MESSAGE_CHARS = 1_500;
/** A citation keeps enough of the passage to show under the answer, not the whole of it. */
const EXCERPT_CHARS = 1_000;

const CONDENSE_SYSTEM: Record<Language, string> = {
  ko: [
    '대화를 보지 않아도 이해할 수 있도록 사용자의 마지막 질문을 독립된 질문으로 다시 쓰세요.',
    '질문에 쓰인 언어를 그대로 쓰세요.',
    '답이나 설명은 쓰지 말고 다시 쓴 질문 한 문장만 쓰세요.',
  ].join(' '),
  en: [
    "Rewrite the user's latest question as a standalone question that can be understood without the conversation.",
    'Keep the language the question is written in.',
    'Reply with the rewritten question only, without an answer or explanation.',
  ].join(' '),
};

const SPEAKER: Record<Language, Record<PromptMessage['role'], string>> = {
  ko: { user: '사용자', assistant: '도우미' },
  en: { user: 'User', assistant: 'Assistant' },
};

function clip(text: string, chars: number): string {
  const trimmed = text.trim();
  return trimmed.length > chars ? `${trimmed.slice(0, chars)}…` : trimmed;
}

/** The short non-streamed call that turns a follow-up into a question Kendra can search for. */
export function condensePrompt(history: readonly PromptMessage[], question: string, language: Language): Prompt {
  const lines = history
    .slice(-CONDENSE_MESSAGES)
    .map((message) => `${SPEAKER[language][message.role]}: ${clip(message.text, CONDENSE_MESSAGE_CHARS)}`);
  return {
    system: CONDENSE_SYSTEM[language],
    messages: [{ role: 'user', text: `<history>\n${lines.join('\n')}\n</history>\n\n<question>${question.trim()}</question>` }],
  };
}

/** The model's condensed question, or the original when the reply is empty or not a question-sized text. */
export function condensedQuestion(reply: string, original: string): string {
  const line = reply
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const cleaned = line
    ?.replace(/^(standalone question|question|독립된 질문|질문)\s*[:：]\s*/i, '')
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim();
  if (!cleaned || cleaned.length > Math.max(500, original.length * 4)) return original;
  return cleaned;
}

const GROUNDED_SYSTEM: Record<Language, string> = {
  ko: [
    '당신은 사용자의 문서를 바탕으로 답하는 도우미입니다.',
    '<passages> 안의 번호가 붙은 발췌문을 근거로 답하세요.',
    '근거로 쓴 발췌문의 번호를 [1] 또는 [2][3]처럼 대괄호로 그 문장 바로 뒤에 인용하세요.',
    '발췌문에 답이 없으면 문서에서 답을 찾지 못했다고 분명히 말하세요.',
  ].join(' '),
  en: [
    "You are an assistant that answers from the user's documents.",
    'Answer from the numbered passages inside <passages>.',
    'Cite the passages you use by their numbers in square brackets, like [1] or [2][3], right after the sentence they support.',
    'If the passages do not contain the answer, say clearly that the documents do not answer the question.',
  ].join(' '),
};

const NO_PASSAGES_NOTE: Record<Language, string> = {
  ko: '사용자의 문서에서 이 질문과 관련된 내용을 찾지 못했다고 먼저 말한 뒤, 알고 있는 지식으로 답하세요.',
  en: "Say first that nothing in the user's documents answers this question, then answer from what you know.",
};

/** Added to the system prompt when a search found nothing, so the answer says so. */
export function noPassagesNote(language: Language): string {
  return NO_PASSAGES_NOTE[language];
}

function label(passage: Passage): string {
  return passage.page === undefined ? passage.title : `${passage.title} · p.${passage.page}`;
}

/** Blank lines inside a passage would read as the end of it. */
const oneBlock = (text: string) => text.trim().replace(/\n\s*\n/g, '\n');

/** Numbered passages and the question, for one grounded answer. */
export function groundedPrompt(passages: readonly Passage[], question: string, language: Language): { system: string; userText: string } {
  const numbered = passages.map((passage, i) => `[${i + 1}] (${label(passage)}) ${oneBlock(passage.text)}`);
  return {
    system: GROUNDED_SYSTEM[language],
    userText: `<passages>\n${numbered.join('\n')}\n</passages>\n\n<question>${question.trim()}</question>`,
  };
}

// [1], [1][2], [1, 2] and [1,2,3]; each number counts where it first appears.
const CITED = /\[(\d{1,3}(?:\s*[,，]\s*\d{1,3})*)\]/g;

function citation(index: number, passage: Passage): Citation {
  return {
    index,
    documentId: passage.documentId,
    title: passage.title,
    ...(passage.uri === undefined ? {} : { uri: passage.uri }),
    excerpt: clip(passage.text, EXCERPT_CHARS),
    ...(passage.page === undefined ? {} : { page: passage.page }),
  };
}

/**
 * The passages the answer cites, in the order it first cites them, under the numbers it used.
 * Numbers outside the list are ignored; an answer that cites nothing gets every passage.
 */
export function citationsFrom(answer: string, passages: readonly Passage[]): Citation[] {
  const used: number[] = [];
  for (const match of answer.matchAll(CITED)) {
    for (const part of match[1]!.split(/[,，]/)) {
      const n = Number(part.trim());
      if (n >= 1 && n <= passages.length && !used.includes(n)) used.push(n);
    }
  }
  const numbers = used.length > 0 ? used : passages.map((_, i) => i + 1);
  return numbers.map((n) => citation(n, passages[n - 1]!));
}

/** The 1-based page holding `offset`, given where each page starts (page n at index n-1). */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = pageStarts.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (pageStarts[mid]! <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found + 1;
}

/** Enough characters to be unique in practice, few enough to survive a passage cut short. */
const PROBE_CHARS = 48;

function probePattern(chars: readonly string[]): RegExp {
  const escaped = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('\\s*'), 'u');
}

/**
 * Where `passageText` starts in `text`, ignoring differences in whitespace (search engines and
 * PDF extraction disagree about line breaks and spaces), or -1. Kendra's `...` around an excerpt
 * is ignored; when the start of the passage is not found, its middle is tried.
 */
export function locatePassage(text: string, passageText: string): number {
  const core = passageText.trim().replace(/^(\.\.\.|…)\s*/, '').replace(/\s*(\.\.\.|…)$/, '');
  const chars = [...core.replace(/\s+/g, '')];
  if (chars.length === 0) return -1;
  const probes = [chars.slice(0, PROBE_CHARS)];
  if (chars.length > PROBE_CHARS * 2) {
    const middle = Math.floor(chars.length / 2);
    probes.push(chars.slice(middle, middle + PROBE_CHARS));
  }
  for (const probe of probes) {
    const match = probePattern(probe).exec(text);
    if (match) return match.index;
  }
  return -1;
}

/** A passage, or the part of it on one page. */
export interface PagePiece {
  text: string;
  page: number;
}

/**
 * The passage cut at the page breaks it crosses, each piece with its page, so an answer cites the
 * page a sentence is on rather than the page its passage began on. Undefined when the passage is
 * not found in the text.
 */
export function splitPassageByPages(text: string, pageStarts: readonly number[], passageText: string): PagePiece[] | undefined {
  const start = locatePassage(text, passageText);
  if (start < 0) return undefined;
  // As many non-space characters as the passage has, counted from where it starts in the text.
  let remaining = [...passageText.replace(/^(\.\.\.|…)|(\.\.\.|…)$/g, '').replace(/\s+/g, '')].length;
  let end = start;
  for (const char of text.slice(start)) {
    if (remaining === 0) break;
    if (!/\s/.test(char)) remaining -= 1;
    end += char.length;
  }
  const breaks = pageStarts.filter((offset) => offset > start && offset < end);
  if (breaks.length === 0) return [{ text: passageText, page: pageAt(pageStarts, start) }];
  const bounds = [start, ...breaks, end];
  const pieces: PagePiece[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const piece = text.slice(bounds[i], bounds[i + 1]).trim();
    if (piece !== '') pieces.push({ text: piece, page: pageAt(pageStarts, bounds[i]!) });
  }
  return pieces;
}
