import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KendraIndex, type StoredDocument } from '../../../infra/local/kendra/index.ts';
import { canSee, matchesFilter, validateFilter, withLanguageDefault, type AttributeFilter, type AttributeValue } from '../../../infra/local/kendra/filters.ts';
import { answerSentence, excerpt } from '../../../infra/local/kendra/results.ts';

const doc = (Id: string, Text: string, extra: Partial<StoredDocument> = {}): StoredDocument => ({
  Id,
  Text,
  ContentType: 'PLAIN_TEXT',
  Attributes: [],
  AccessControlList: [],
  IndexedAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});
const ko = [{ Key: '_language_code', Value: { StringValue: 'ko' } }];
const all = () => true;

describe('the local Kendra index', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finds a Korean sentence from a Korean question with particles attached', () => {
    const index = new KendraIndex();
    index.put(doc('office', '서연의 사무실은 판교에 있다. 직원은 스무 명이다.', { Attributes: ko }));
    index.put(doc('other', '점심 메뉴는 비빔밥과 김치찌개이다.', { Attributes: ko }));
    const hits = index.searchPassages('서연의 사무실은 어디에 있나요?', all, 10);
    expect(hits.map((h) => h.document.Id)).toEqual(['office']);
    expect(hits[0]!.coverage).toBe(1);
    expect(answerSentence(hits[0]!.text, hits[0]!.terms)).toBe('서연의 사무실은 판교에 있다.');
  });

  it('finds a one-syllable Korean word inside longer runs', () => {
    const index = new KendraIndex();
    index.put(doc('home', '우리 집에는 고양이가 산다.'));
    expect(index.searchPassages('집', all, 10).map((h) => h.document.Id)).toEqual(['home']);
  });

  it('ranks the passage with more matching terms first (BM25)', () => {
    const index = new KendraIndex();
    index.put(doc('a', 'The vacation policy gives fifteen days of paid vacation.'));
    index.put(doc('b', 'The travel policy covers hotels.'));
    expect(index.searchPassages('vacation policy', all, 10).map((h) => h.document.Id)).toEqual(['a', 'b']);
  });

  it('replaces a document put twice and forgets a deleted one', () => {
    const index = new KendraIndex();
    index.put(doc('d', 'alpha bravo'));
    index.put(doc('d', 'charlie delta'));
    expect(index.searchPassages('alpha', all, 10)).toEqual([]);
    expect(index.searchPassages('charlie', all, 10)).toHaveLength(1);
    expect(index.delete('d')).toBe(true);
    expect(index.searchPassages('charlie', all, 10)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('keeps documents on disk and rebuilds the search index from them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kendra-unit-'));
    dirs.push(dir);
    const first = new KendraIndex(dir);
    first.put(doc('kept', '연차는 15일이다.', { Attributes: ko, Title: '휴가 규정' }));
    first.put(doc('gone', '삭제될 문서'));
    first.delete('gone');
    const second = new KendraIndex(dir);
    expect(second.size).toBe(1);
    expect(second.get('kept')?.Title).toBe('휴가 규정');
    expect(second.searchPassages('연차', all, 10).map((h) => h.document.Id)).toEqual(['kept']);
  });

  it('defaults the language of a document to English', () => {
    const index = new KendraIndex();
    index.put(doc('en', 'hello'));
    expect(index.get('en')?.language).toBe('en');
    expect(index.get('en')?.attributeMap.get('_language_code')).toEqual({ StringValue: 'en' });
  });

  it('cuts an excerpt around the matches of a long passage', () => {
    const text = `${'filler words here. '.repeat(40)}The answer is in Pangyo office. ${'more filler. '.repeat(40)}`;
    const cut = excerpt(text, new Set(['pangyo', 'office']), 120);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut).toContain('Pangyo office');
  });
});

describe('attribute filters', () => {
  const attrs = new Map<string, AttributeValue>([
    ['_language_code', { StringValue: 'ko' }],
    ['_category', { StringValue: 'hr' }],
    ['_authors', { StringListValue: ['kim', 'lee'] }],
    ['_view_count', { LongValue: 7 }],
    ['_created_at', { DateValue: 1_700_000_000 }],
  ]);
  const eq = (Key: string, StringValue: string): AttributeFilter => ({ EqualsTo: { Key, Value: { StringValue } } });

  it.each<[string, AttributeFilter, boolean]>([
    ['EqualsTo', eq('_category', 'hr'), true],
    ['EqualsTo, other value', eq('_category', 'it'), false],
    ['EqualsTo, missing key', eq('team', 'hr'), false],
    ['AndAllFilters', { AndAllFilters: [eq('_category', 'hr'), eq('_language_code', 'ko')] }, true],
    ['AndAllFilters, one false', { AndAllFilters: [eq('_category', 'hr'), eq('_language_code', 'en')] }, false],
    ['OrAllFilters', { OrAllFilters: [eq('_category', 'it'), eq('_language_code', 'ko')] }, true],
    ['NotFilter', { NotFilter: eq('_category', 'hr') }, false],
    ['ContainsAny', { ContainsAny: { Key: '_authors', Value: { StringListValue: ['park', 'lee'] } } }, true],
    ['ContainsAll', { ContainsAll: { Key: '_authors', Value: { StringListValue: ['park', 'lee'] } } }, false],
    ['GreaterThan long', { GreaterThan: { Key: '_view_count', Value: { LongValue: 6 } } }, true],
    ['LessThanOrEquals long', { LessThanOrEquals: { Key: '_view_count', Value: { LongValue: 6 } } }, false],
    ['GreaterThanOrEquals date', { GreaterThanOrEquals: { Key: '_created_at', Value: { DateValue: 1_700_000_000 } } }, true],
  ])('%s', (_name, filter, expected) => {
    validateFilter(filter);
    expect(matchesFilter(attrs, filter)).toBe(expected);
  });

  it('searches English unless the filter names a language', () => {
    expect(matchesFilter(attrs, withLanguageDefault(undefined))).toBe(false);
    expect(matchesFilter(attrs, withLanguageDefault(eq('_category', 'hr')))).toBe(false);
    expect(matchesFilter(attrs, withLanguageDefault(eq('_language_code', 'ko')))).toBe(true);
  });

  it('refuses malformed filters', () => {
    expect(() => validateFilter({})).toThrow(/exactly one filter operator/);
    expect(() => validateFilter({ EqualsTo: { Key: 'k', Value: {} } })).toThrow(/exactly one of/);
    expect(() => validateFilter({ ContainsAny: { Key: 'k', Value: { StringValue: 'x' } } })).toThrow(/StringListValue/);
    expect(() => validateFilter({ AndAllFilters: [] })).toThrow(/non-empty/);
  });
});

describe('ACL visibility', () => {
  const alice = { user: 'alice', groups: ['hr'] };
  it.each([
    ['no ACL, anyone', [], null, true],
    ['ALLOW alice, alice', [{ Name: 'alice', Type: 'USER', Access: 'ALLOW' }], alice, true],
    ['ALLOW alice, no user', [{ Name: 'alice', Type: 'USER', Access: 'ALLOW' }], null, false],
    ['ALLOW alice, bob', [{ Name: 'alice', Type: 'USER', Access: 'ALLOW' }], { user: 'bob', groups: [] }, false],
    ['ALLOW group hr', [{ Name: 'hr', Type: 'GROUP', Access: 'ALLOW' }], alice, true],
    ['ALLOW group hr, DENY alice', [{ Name: 'hr', Type: 'GROUP', Access: 'ALLOW' }, { Name: 'alice', Type: 'USER', Access: 'DENY' }], alice, false],
    ['a group named like the user is not the user', [{ Name: 'alice', Type: 'GROUP', Access: 'ALLOW' }], alice, false],
  ] as const)('%s', (_name, acl, viewer, expected) => {
    expect(canSee(acl, viewer)).toBe(expected);
  });
});
