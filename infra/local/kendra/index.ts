// The local Kendra index: documents kept as one JSON file each under the data directory, and a
// MiniSearch (BM25) index over their passages, rebuilt from those files on start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import { readJson, writeJsonAtomic } from '../persist.ts';
import { DEFAULT_LANGUAGE, LANGUAGE_KEY, type AttributeValue, type DocumentAttribute, type Principal } from './filters.ts';
import { splitPassages } from './passages.ts';
import { isBigramScript, processIndexTerm, queryTerms, tokenize } from './tokenize.ts';

export interface StoredDocument {
  Id: string;
  Title?: string;
  ContentType: string;
  Text: string;
  Attributes: DocumentAttribute[];
  AccessControlList: Principal[];
  IndexedAt: string;
}

export interface IndexedDocument extends StoredDocument {
  /** Attributes by key, with `_language_code` defaulted the way Kendra does. */
  attributeMap: Map<string, AttributeValue>;
  language: string;
  passages: string[];
}

export interface PassageHit {
  document: IndexedDocument;
  /** Position of the passage in its document. */
  ordinal: number;
  text: string;
  score: number;
  /** Share of the query's terms found in the passage, 0..1. */
  coverage: number;
  /** Query and document terms that matched, for highlighting. */
  terms: Set<string>;
}

interface PassageEntry {
  id: string;
  title: string;
  content: string;
}

const SEPARATOR = '\u0000';

export class KendraIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly search = new MiniSearch<PassageEntry>({
    fields: ['title', 'content'],
    tokenize,
    processTerm: processIndexTerm,
    searchOptions: { boost: { title: 1.5 } },
  });
  private readonly documentsDir: string | undefined;

  /** With a directory the index persists there and reloads what it holds; without, it lives in memory. */
  constructor(dir?: string) {
    this.documentsDir = dir ? join(dir, 'documents') : undefined;
    if (!this.documentsDir) return;
    mkdirSync(this.documentsDir, { recursive: true });
    for (const name of readdirSync(this.documentsDir)) {
      if (!name.endsWith('.json')) continue;
      const stored = readJson<StoredDocument | null>(join(this.documentsDir, name), null);
      if (stored) this.addToIndex(stored);
    }
  }

  get size(): number {
    return this.documents.size;
  }

  get(id: string): IndexedDocument | undefined {
    return this.documents.get(id);
  }

  all(): IterableIterator<IndexedDocument> {
    return this.documents.values();
  }

  put(document: StoredDocument): void {
    this.removeFromIndex(document.Id);
    this.addToIndex(document);
    if (this.documentsDir) writeJsonAtomic(this.fileFor(document.Id), document);
  }

  delete(id: string): boolean {
    const existed = this.removeFromIndex(id);
    if (this.documentsDir && existsSync(this.fileFor(id))) rmSync(this.fileFor(id));
    return existed;
  }

  /** Passages ranked by BM25 among documents `visible` accepts, best first. */
  searchPassages(text: string, visible: (d: IndexedDocument) => boolean, limit: number): PassageHit[] {
    const terms = queryTerms(text);
    if (terms.length === 0) return [];
    const results = this.search.search(terms.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      combineWith: 'OR',
      // A one-syllable Korean word is indexed only inside bigrams, so look for it as a prefix.
      prefix: (term) => term.length === 1 && isBigramScript(term),
      filter: (r) => {
        const document = this.documents.get(documentIdOf(r.id as string));
        return document !== undefined && visible(document);
      },
    });
    return results.slice(0, limit).map((r) => this.toHit(r, terms.length));
  }

  private toHit(result: SearchResult, queryTermCount: number): PassageHit {
    const id = result.id as string;
    const document = this.documents.get(documentIdOf(id))!;
    const ordinal = Number(id.slice(id.lastIndexOf(SEPARATOR) + 1));
    return {
      document,
      ordinal,
      text: document.passages[ordinal] ?? '',
      score: result.score,
      coverage: new Set(result.queryTerms).size / queryTermCount,
      terms: new Set([...result.queryTerms, ...result.terms]),
    };
  }

  private addToIndex(stored: StoredDocument): void {
    const attributeMap = new Map(stored.Attributes.map((a) => [a.Key, a.Value]));
    if (!attributeMap.has(LANGUAGE_KEY)) attributeMap.set(LANGUAGE_KEY, { StringValue: DEFAULT_LANGUAGE });
    const language = attributeMap.get(LANGUAGE_KEY)?.StringValue ?? DEFAULT_LANGUAGE;
    const passages = splitPassages(stored.Text);
    const document: IndexedDocument = { ...stored, attributeMap, language, passages };
    this.documents.set(stored.Id, document);
    this.search.addAll(passages.map((content, i) => ({ id: `${stored.Id}${SEPARATOR}${i}`, title: stored.Title ?? '', content })));
  }

  private removeFromIndex(id: string): boolean {
    const existing = this.documents.get(id);
    if (!existing) return false;
    this.search.discardAll(existing.passages.map((_, i) => `${id}${SEPARATOR}${i}`));
    this.documents.delete(id);
    return true;
  }

  private fileFor(id: string): string {
    return join(this.documentsDir!, `${createHash('sha256').update(id).digest('hex')}.json`);
  }
}

function documentIdOf(passageId: string): string {
  return passageId.slice(0, passageId.lastIndexOf(SEPARATOR));
}
