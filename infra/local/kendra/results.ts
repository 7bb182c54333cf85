// Shapes search hits into Retrieve and Query result items the way Kendra returns them.
import { randomUUID } from 'node:crypto';
import type { DocumentAttribute } from './filters.ts';
import type { IndexedDocument, PassageHit } from './index.ts';
import { highlightRanges } from './tokenize.ts';

export type ScoreConfidence = 'VERY_HIGH' | 'HIGH' | 'MEDIUM' | 'LOW' | 'NOT_AVAILABLE';

export interface Highlight {
  BeginOffset: number;
  EndOffset: number;
  TopAnswer: boolean;
  Type: 'STANDARD';
}

export interface TextWithHighlights {
  Text: string;
  Highlights: Highlight[];
}

/** An ANSWER item is offered only when the best passage holds most of what was asked. */
export const ANSWER_MIN_COVERAGE = 0.6;
const EXCERPT_CHARS = 300;

// Kendra gives confidence buckets for English only.
export function confidence(hit: PassageHit): ScoreConfidence {
  if (hit.document.language !== 'en') return 'NOT_AVAILABLE';
  if (hit.coverage >= 0.85) return 'VERY_HIGH';
  if (hit.coverage >= 0.6) return 'HIGH';
  if (hit.coverage >= 0.35) return 'MEDIUM';
  return 'LOW';
}

export function responseAttributes(document: IndexedDocument, requested: readonly string[] | undefined): DocumentAttribute[] {
  const all = [...document.attributeMap].map(([Key, Value]) => ({ Key, Value }));
  return requested ? all.filter((a) => requested.includes(a.Key)) : all;
}

export function sourceUri(document: IndexedDocument): string | undefined {
  return document.attributeMap.get('_source_uri')?.StringValue;
}

export function retrieveItem(hit: PassageHit, queryId: string, requested: readonly string[] | undefined): Record<string, unknown> {
  const uri = sourceUri(hit.document);
  return {
    Id: `${queryId}-${randomUUID()}`,
    DocumentId: hit.document.Id,
    ...(hit.document.Title !== undefined ? { DocumentTitle: hit.document.Title } : {}),
    Content: hit.text,
    ...(uri !== undefined ? { DocumentURI: uri } : {}),
    DocumentAttributes: responseAttributes(hit.document, requested),
    ScoreAttributes: { ScoreConfidence: confidence(hit) },
  };
}

export function withHighlights(text: string, terms: ReadonlySet<string>, topAnswer = false): TextWithHighlights {
  return {
    Text: text,
    Highlights: highlightRanges(text, terms).map((r) => ({ BeginOffset: r.start, EndOffset: r.end, TopAnswer: topAnswer, Type: 'STANDARD' })),
  };
}

/** A window of the passage around its densest run of matched terms, cut on spaces. */
export function excerpt(text: string, terms: ReadonlySet<string>, maxChars = EXCERPT_CHARS): string {
  if (text.length <= maxChars) return text;
  const ranges = highlightRanges(text, terms);
  let bestStart = 0;
  let bestCount = -1;
  for (const r of ranges) {
    const count = ranges.filter((o) => o.start >= r.start && o.end <= r.start + maxChars).length;
    if (count > bestCount) {
      bestCount = count;
      bestStart = r.start;
    }
  }
  // Back up to the start of the sentence holding the first match, if it is near.
  const sentenceStart = Math.max(text.lastIndexOf('. ', bestStart), text.lastIndexOf('\n', bestStart));
  let start = sentenceStart >= 0 && bestStart - sentenceStart < maxChars / 3 ? sentenceStart + 1 : bestStart;
  start = Math.min(Math.max(0, start), Math.max(0, text.length - maxChars));
  if (start > 0) {
    const space = text.indexOf(' ', start - 1);
    if (space >= 0 && space < bestStart) start = space + 1;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + maxChars / 2) end = space;
  }
  return text.slice(start, end).trim();
}

/** The sentence of the passage that covers the most matched terms. */
export function answerSentence(text: string, terms: ReadonlySet<string>): string {
  const sentences = text.split(/(?<=[.!?…。！？])\s+|\n+/u).map((s) => s.trim()).filter(Boolean);
  let best = sentences[0] ?? text;
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = highlightRanges(sentence, terms).reduce((n, r) => n + (r.end - r.start), 0);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

export function queryDocumentItem(hit: PassageHit, queryId: string, requested: readonly string[] | undefined, type: 'DOCUMENT' | 'ANSWER'): Record<string, unknown> {
  const uri = sourceUri(hit.document);
  const id = `${queryId}-${randomUUID()}`;
  const additional =
    type === 'ANSWER'
      ? [
          {
            Key: 'AnswerText',
            ValueType: 'TEXT_WITH_HIGHLIGHTS_VALUE',
            Value: { TextWithHighlightsValue: withHighlights(answerSentence(hit.text, hit.terms), hit.terms) },
          },
        ]
      : [];
  return {
    Id: id,
    Type: type,
    Format: 'TEXT',
    AdditionalAttributes: additional,
    DocumentId: hit.document.Id,
    DocumentTitle: withHighlights(hit.document.Title ?? '', hit.terms),
    DocumentExcerpt: withHighlights(excerpt(hit.text, hit.terms), hit.terms),
    ...(uri !== undefined ? { DocumentURI: uri } : {}),
    DocumentAttributes: responseAttributes(hit.document, requested),
    ScoreAttributes: { ScoreConfidence: confidence(hit) },
    FeedbackToken: Buffer.from(JSON.stringify({ queryId, resultId: id })).toString('base64url'),
  };
}
