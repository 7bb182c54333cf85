// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createBundle } from '../../../src/domain/export/schema.ts';
import { toHtml } from '../../../src/domain/export/toHtml.ts';
import { plainConversation, richConversation } from './support/bundle.ts';

const exportedAt = new Date('2026-12-01T03:00:00Z');
const html = (language: 'ko' | 'en' = 'ko', conversations = [richConversation('c1')]) =>
  toHtml(createBundle(conversations, exportedAt), { language, timeZone: 'Asia/Seoul' });
const parse = (text: string) => new DOMParser().parseFromString(text, 'text/html');

describe('toHtml', () => {
  it('is self-contained: no script, no resource URLs, no url() in styles, only http(s)/mailto links', () => {
    const text = html();
    expect(text).not.toMatch(/<script/i);
    // Stored text is escaped, so every `<…>` left in the file is the exporter's own markup.
    const tags = text.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(20);
    for (const tag of tags) expect(tag).not.toMatch(/\s(?:src|srcset|on\w+|style|action|formaction|poster|background)\s*=/i);
    expect(text).not.toMatch(/url\(/i);
    expect(text).not.toMatch(/@import/i);
    expect(text).not.toMatch(/<(?:link|img|iframe|object|embed|base|form)\b/i);
    const hrefs = [...text.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(?:https?:\/\/|mailto:)/);
    const doc = parse(text);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^(?:src|srcset|on.*|style)$/);
    }
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'");
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(doc.querySelector('style')?.textContent).toContain('prefers-color-scheme: dark');
  });

  it('escapes markup in message text instead of rendering it', () => {
    const doc = parse(html());
    expect(doc.querySelectorAll('img, script, [onerror]')).toHaveLength(0);
    const texts = [...doc.querySelectorAll('.message')].map((li) => li.textContent ?? '');
    expect(texts.some((t) => t.includes('<img src=x onerror=alert(1)> 이건 뭐야?'))).toBe(true);
    expect(texts.some((t) => t.includes('그건 이미지 태그예요 <img src=x onerror=alert(1)> 그리고'))).toBe(true);
  });

  it('labels a document summary with the file it summarizes', () => {
    const doc = parse(html());
    expect([...doc.querySelectorAll('.summary-of')].map((p) => p.textContent)).toEqual(['문서 요약: 회사 소개.pdf']);
  });

  it('escapes a hostile title, model id and citation', () => {
    const seeded = richConversation('c1');
    seeded.conversation.title = '</title><script>alert(1)</script>';
    seeded.conversation.modelId = '"><svg onload=alert(1)>';
    seeded.messages[1]!.citations = [{ index: 1, documentId: 'd', title: '<b>x</b>', uri: 'javascript:alert(1)', excerpt: '<i>y</i>' }];
    const text = html('ko', [seeded]);
    expect(text).not.toMatch(/<script|<svg|<b>x|<i>y/i);
    const doc = parse(text);
    expect(doc.title).toBe('</title><script>alert(1)</script>');
    expect(doc.querySelector('.citations')?.textContent).toContain('javascript:alert(1)');
    expect(doc.querySelector('.citations a')).toBeNull();
  });

  it('renders markdown answers: heading, bold, code block, list, links', () => {
    const doc = parse(html());
    const answer = doc.querySelectorAll('.message.assistant')[0]!;
    expect(answer.querySelector('h4')?.textContent).toBe('요약');
    expect(answer.querySelector('strong')?.textContent).toBe('판교');
    expect(answer.querySelector('pre code')?.textContent).toBe('const 사무실 = "판교";');
    expect(answer.querySelector('pre')?.getAttribute('data-language')).toBe('ts');
    expect([...answer.querySelectorAll('.body li')].map((li) => li.textContent)).toEqual(['직원 12명', '설립 2024년 [2]']);
  });

  it('shows role, time, model, tokens, TTFT and status per message, and citations under the answer', () => {
    const doc = parse(html());
    const [answer, partial, failed] = [...doc.querySelectorAll('.message.assistant')];
    const head = answer!.querySelector('.message-head')!;
    expect(head.querySelector('.role')?.textContent).toBe('서연');
    expect(head.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-21T09:02:00.000Z');
    // 09:02 UTC is 18:02 in Seoul.
    expect(head.querySelector('time')?.textContent).toMatch(/2026.*(?:6:02|18:02)/);
    const facts = answer!.querySelector('.facts')?.textContent ?? '';
    expect(facts).toContain('us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(facts).toContain('토큰 입력 1,200 · 출력 84');
    expect(facts).toContain('첫 토큰까지 310 ms');
    expect(facts).toContain('전체 1.3 s');
    const citations = [...answer!.querySelectorAll('.citations li')].map((li) => li.textContent);
    expect(citations[0]).toContain('[1] 회사 소개.pdf · 2쪽');
    expect(citations[0]).toContain('사무실은 판교에');
    expect(answer!.querySelector('.citations a')?.getAttribute('href')).toBe('https://example.com/about');
    expect(partial!.classList.contains('partial')).toBe(true);
    expect(partial!.querySelector('.status')?.textContent).toBe('미완성 · 사용자가 중지함');
    expect(failed!.querySelector('.status')?.textContent).toBe('오류 · 오류 코드: throttled');
    expect(doc.querySelector('.marker')?.textContent).toContain('대화 기억을 새로 시작');
  });

  it('has a metadata header: title, model, mode, created and updated, exported at', () => {
    const doc = parse(html('en'));
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.querySelector('h1')?.textContent).toBe('판교 사무실 c1');
    const meta = [...doc.querySelectorAll('.meta dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(meta[0]).toBe('Model=us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(meta[1]).toBe('Mode=Translate (Korean↔English)');
    expect(meta[2]).toMatch(/^Created=Nov 21, 2026/);
    expect(meta[3]).toMatch(/^Last activity=Nov 21, 2026/);
    expect(doc.querySelector('header .muted')?.textContent).toMatch(/^Exported at: Dec 1, 2026.* · 1 conversation$/);
    expect(doc.querySelectorAll('.message.assistant')[1]?.querySelector('.status')?.textContent).toBe('Incomplete · stopped by the user');
  });

  it('lists the contents when it holds several conversations', () => {
    const doc = parse(html('ko', [richConversation('c1'), plainConversation('c2', 9, 2)]));
    expect(doc.querySelector('h1')?.textContent).toBe('서연 대화 내보내기');
    expect(doc.querySelectorAll('article.conversation')).toHaveLength(2);
    expect([...doc.querySelectorAll('.contents li')].map((li) => li.textContent)).toEqual(['판교 사무실 c1 (메시지 7개)', '대화 c2 (메시지 2개)']);
  });
});
