import { describe, expect, it } from 'vitest';
import { highlightRanges, queryTerms, scanTerms, tokenize } from '../../../infra/local/kendra/tokenize.ts';
import { splitPassages } from '../../../infra/local/kendra/passages.ts';
import { extractText } from '../../../infra/local/kendra/extract.ts';

const spans = (text: string, terms: string[]) => highlightRanges(text, new Set(terms)).map((r) => text.slice(r.start, r.end));

describe('the Korean-aware tokenizer', () => {
  it('turns Hangul runs into overlapping bigrams and Latin runs into lowercased words', () => {
    expect(tokenize('서연의 AI사무실')).toEqual(['서연', '연의', 'ai', '사무', '무실']);
  });

  it('keeps a one-syllable Korean word as a unigram', () => {
    expect(tokenize('집 15일')).toEqual(['집', '15', '일']);
  });

  it('records where each term came from', () => {
    const text = '판교 office';
    expect(scanTerms(text).map((s) => text.slice(s.start, s.end))).toEqual(['판교', 'office']);
  });

  it('drops question words and English stopwords from queries but never empties one', () => {
    expect(queryTerms('서연의 사무실은 어디에 있나요?')).toEqual(['서연', '연의', '사무', '무실', '실은']);
    expect(queryTerms('Where is the office?')).toEqual(['office']);
    expect(queryTerms('what is it')).toEqual(['what', 'is', 'it']);
  });

  it('reads at most 30 words of a query', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(queryTerms(words)).toHaveLength(30);
  });

  it('merges the bigrams of one word into a single highlight', () => {
    expect(spans('서연의 사무실은 판교에 있다.', ['서연', '연의', '사무', '무실'])).toEqual(['서연의', '사무실']);
    expect(spans('The office is in Pangyo', ['office', 'pangyo'])).toEqual(['office', 'Pangyo']);
  });
});

describe('passages', () => {
  it('keeps short documents whole and breaks between paragraphs', () => {
    expect(splitPassages('첫 문단입니다.\n\n둘째 문단입니다.')).toEqual(['첫 문단입니다.\n둘째 문단입니다.']);
  });

  it('caps Korean passages by characters and English passages by words, on sentence boundaries', () => {
    const korean = Array.from({ length: 60 }, (_, i) => `이것은 ${i}번째 문장으로 규정의 내용을 설명합니다.`).join(' ');
    const passages = splitPassages(korean);
    expect(passages.length).toBeGreaterThan(2);
    for (const p of passages) {
      expect(p.length).toBeLessThanOrEqual(600);
      expect(p).toMatch(/설명합니다\.$/);
    }
    const english = Array.from({ length: 100 }, (_, i) => `Sentence ${i} has exactly six words.`).join(' ');
    for (const p of splitPassages(english)) expect(p.split(/\s+/).length).toBeLessThanOrEqual(200);
    expect(splitPassages(english).join(' ')).toBe(english);
  });

  it('hard-cuts a run of text with no spaces', () => {
    const passages = splitPassages('가'.repeat(1500));
    expect(passages.map((p) => p.length)).toEqual([600, 600, 300]);
  });
});

describe('text extraction', () => {
  const blob = (s: string) => Buffer.from(s, 'utf8');

  it('strips HTML tags, scripts and entities, and takes the title', () => {
    const result = extractText(blob('<html><head><title>휴가 &amp; 규정</title><script>var x=1</script></head><body><p>연차는 15일</p><p>a&lt;b</p></body></html>'), 'HTML');
    expect(result).toEqual({ ok: true, text: '연차는 15일\n\na<b', title: '휴가 & 규정' });
  });

  it('reads the string values of JSON and refuses malformed JSON', () => {
    expect(extractText(blob('{"name":"서연","tags":["a","b"]}'), 'JSON')).toEqual({ ok: true, text: 'name: 서연\ntags: a\ntags: b' });
    expect(extractText(blob('{oops'), 'JSON').ok).toBe(false);
  });

  it('removes Markdown punctuation', () => {
    expect(extractText(blob('# 제목\n\n- **굵게** [링크](http://x)'), 'MD')).toEqual({ ok: true, text: '제목\n\n굵게 링크' });
  });

  it('refuses binary formats with a reason', () => {
    const result = extractText(blob('%PDF-1.7'), 'PDF');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/extracted text only/);
  });
});

describe('English terms', () => {
  it('fold plurals so singular and plural forms match', () => {
    expect(tokenize('employees policies boxes class status days')).toEqual(['employee', 'policy', 'box', 'class', 'status', 'day']);
  });
});
