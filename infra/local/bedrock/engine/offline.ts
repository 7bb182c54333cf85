// The built-in offline engine: no model, only extraction. It quotes the sentences of the supplied
// material that best match the latest question, leads of the central paragraphs for a summary,
// and otherwise says honestly what it is and how to connect a real model.
import type { ChatRequest } from '../families/types.ts';
import { gatherMaterial, type Material, type Paragraph } from './material.ts';
import { cosine, coverage, hasHangul, idfTable, termCounts, termSet } from './similarity.ts';
import { estimateTokens, splitPieces } from './tokens.ts';
import type { Engine, Pace } from './types.ts';
import { sleep } from './types.ts';

export const OFFLINE_LABEL = 'local offline engine';

const MIN_COVERAGE = 0.3;
const MAX_SENTENCES = 3;
const SUMMARY = /요약|요점|간추|정리해|summar|tl;?dr|key points|gist/i;
const TRANSLATE = /번역|translat/i;

type Lang = 'ko' | 'en';

const NOTES = {
  intro: {
    ko: '저는 서연 로컬 스택의 오프라인 엔진이에요. 언어 모델이 아니어서, 요청에 함께 온 자료(문서, 검색된 구절, 이전 대화)에서 질문과 맞는 문장을 찾아 그대로 보여 드리는 것만 할 수 있어요.',
    en: "I'm the local offline engine of the Seoyeon dev stack, not a language model: I can only quote the sentences of the material sent with the request (documents, retrieved passages, earlier turns) that best match your question.",
  },
  noMatch: {
    ko: '이번 질문과 맞는 내용은 자료에서 찾지 못했어요.',
    en: 'I found nothing in that material that matches this question.',
  },
  noMaterial: {
    ko: '이번 요청에는 참고할 자료가 없었어요.',
    en: 'This request came with no material to quote from.',
  },
  translate: {
    ko: '번역은 할 수 없어요.',
    en: 'I cannot translate.',
  },
  mode: {
    ko: '이 모드의 작업(%s)은 언어 모델이 있어야 해서 할 수 없어요.',
    en: 'The task of this mode (%s) needs a language model, so I cannot do it.',
  },
  connect: {
    ko: '실제 모델과 대화하려면 OpenAI 호환 서버(예: Ollama)를 띄우고 LOCAL_LLM_URL=http://127.0.0.1:11434 로 로컬 스택을 다시 시작하세요.',
    en: 'To talk to a real model, run an OpenAI-compatible server (e.g. Ollama) and restart the local stack with LOCAL_LLM_URL=http://127.0.0.1:11434.',
  },
} as const;

function note(lang: Lang, reason: 'noMatch' | 'noMaterial' | 'translate' | 'mode', detail = ''): string {
  return [NOTES.intro[lang], NOTES[reason][lang].replace('%s', detail), NOTES.connect[lang]].join(' ');
}

/** A system prompt that casts the model in a role ("번역가로서 일합니다", "Act as a translator.") asks for a task, not an answer. */
export function taskRole(system: string): string | undefined {
  return /([^\s.]+)로서 일합니다/.exec(system)?.[1] ?? /\bAct as an? ([\w -]+?)[.,]/i.exec(system)?.[1];
}

interface Candidate {
  text: string;
  citation: string | undefined;
  position: number;
}

function candidates(paragraphs: Paragraph[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  const out: Candidate[] = [];
  for (const p of paragraphs) {
    for (const text of p.sentences) {
      const earlier = seen.get(text);
      if (earlier) {
        // The same sentence in an earlier turn (say, a summary) and in a numbered passage: cite it.
        earlier.citation ??= p.citation;
        continue;
      }
      const candidate = { text, citation: p.citation, position: out.length };
      seen.set(text, candidate);
      out.push(candidate);
    }
  }
  return out;
}

function cite(c: Candidate, numbered: boolean): string {
  return numbered && c.citation ? `${c.text} [${c.citation}]` : c.text;
}

/** Sentences in order; a run of sentences from the same passage is cited once, after the run. */
function citeRuns(chosen: Candidate[], numbered: boolean): string {
  return chosen
    .map((c, i) => (chosen[i + 1]?.citation !== undefined && chosen[i + 1]?.citation === c.citation ? c.text : cite(c, numbered)))
    .join(' ');
}

/** The best-matching sentences in their original order, or undefined when nothing matches. */
export function extract(material: Material): string | undefined {
  const pool = candidates(material.paragraphs);
  const sets = pool.map((c) => termSet(c.text));
  const idf = idfTable(sets);
  const question = termSet(material.question);
  const scored = pool
    .map((c, i) => ({ c, score: coverage(question, sets[i]!, idf) }))
    .filter((s) => s.score > 0)
    // Equal coverage: prefer the shorter, more specific sentence.
    .sort((a, b) => b.score - a.score || a.c.text.length - b.c.text.length || a.c.position - b.c.position);
  const best = scored[0];
  if (!best || best.score < MIN_COVERAGE) return undefined;
  // The sentence right after the best often finishes its thought ("It was built in 1889.").
  const chosen = scored
    .filter((s) => s.score >= best.score * 0.6 || s.c.position === best.c.position + 1)
    .slice(0, MAX_SENTENCES);
  return citeRuns(
    chosen.sort((a, b) => a.c.position - b.c.position).map((s) => s.c),
    material.numbered,
  );
}

/** Leading sentences of the paragraphs closest to the whole material, in document order. */
export function summarize(material: Material): string | undefined {
  let units = material.paragraphs;
  if (units.length === 0) return undefined;
  if (units.length === 1) units = units[0]!.sentences.map((s) => ({ sentences: [s], ...(units[0]!.citation ? { citation: units[0]!.citation } : {}) }));
  const whole = termCounts(units.map((u) => u.sentences.join(' ')).join(' '));
  const ranked = units
    .map((u, position) => ({ u, position, score: cosine(termCounts(u.sentences.join(' ')), whole) }))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.position - b.position);
  return ranked
    .map(({ u }) => `- ${cite({ text: u.sentences[0]!, citation: u.citation, position: 0 }, material.numbered)}`)
    .join('\n');
}

// The app's condense call (domain/documents/rag.ts) names its task with these words.
const CONDENSE = /standalone question|독립된 질문/i;

/**
 * A condense call wants the follow-up rewritten so it stands alone. Rewriting needs a model; the
 * question as asked is the honest answer (and quoting the history would search for the wrong thing).
 */
function condensed(request: ChatRequest): string | undefined {
  if (!CONDENSE.test(request.system)) return undefined;
  const last = [...request.turns].reverse().find((t) => t.role === 'user');
  const tagged = last && /<question>([\s\S]*?)<\/question>/i.exec(last.text);
  return tagged ? tagged[1]!.trim() : undefined;
}

/** The whole offline answer for a request, before streaming. */
export function offlineAnswer(request: ChatRequest): string {
  const standalone = condensed(request);
  if (standalone) return standalone;
  const material = gatherMaterial(request);
  const lang: Lang = hasHangul(material.question) ? 'ko' : 'en';
  if (TRANSLATE.test(material.question)) return note(lang, 'translate');
  const role = taskRole(request.system);
  // The system prompt is in the UI language; the user's text may not be (e.g. text to translate).
  if (role) return note(hasHangul(request.system) ? 'ko' : 'en', 'mode', role);
  if (material.paragraphs.length === 0) return note(lang, 'noMaterial');
  const answer = SUMMARY.test(material.question) ? summarize(material) : extract(material);
  return answer ?? note(lang, 'noMatch');
}

export function createOfflineEngine(pace: Pace): Engine {
  return {
    label: OFFLINE_LABEL,
    async *generate(request, signal) {
      const pieces = splitPieces(offlineAnswer(request));
      await sleep(pace.ttftMs, signal);
      for (const [i, piece] of pieces.entries()) {
        if (signal.aborted) return;
        if (i > 0 && pace.tokensPerSecond > 0) await sleep((1000 * Math.max(1, estimateTokens(piece))) / pace.tokensPerSecond, signal);
        yield piece;
      }
    },
  };
}
