import { describe, expect, it } from 'vitest';
import { createBundle } from '../../../src/domain/export/schema.ts';
import { toMarkdown } from '../../../src/domain/export/toMarkdown.ts';
import { plainConversation, richConversation } from './support/bundle.ts';

const options = { language: 'ko' as const, timeZone: 'UTC' };

describe('toMarkdown', () => {
  it('keeps message text as written, with a heading per message and the conversation metadata', () => {
    const seeded = richConversation('c1');
    const text = toMarkdown(createBundle([seeded], new Date('2026-12-01T00:00:00Z')), options);
    expect(text.startsWith('# 판교 사무실 c1\n')).toBe(true);
    expect(text).toContain('- 모델: `us.anthropic.claude-3-5-haiku-20241022-v1:0`');
    expect(text).toContain('- 모드: 번역 (한↔영)');
    for (const m of seeded.messages) if (m.text) expect(text).toContain(m.text);
    expect(text).toMatch(/### 사용자 · 2026\. 11\. 21\. .*9:01/);
    expect(text).toMatch(/### 서연 · .* · \*\*미완성\*\* \(사용자가 중지함\)/);
    expect(text).toMatch(/### 서연 · .* · \*\*오류\*\* \(오류 코드: throttled\)/);
    expect(text).toContain('*여기서부터 대화 기억을 새로 시작했습니다');
    expect(text).toContain('<sub>모델 `us.anthropic.claude-3-5-haiku-20241022-v1:0` · 토큰 입력 1,200 · 출력 84 · 첫 토큰까지 310 ms · 전체 1.3 s</sub>');
    expect(text).toContain('**출처**\n\n1. 회사 소개.pdf · 2쪽 · `private/ap-northeast-2:x/documents/d1/회사 소개.pdf`\n   > 사무실은 판교에\n2. [About us](<https://example.com/about>)');
    expect(text).toMatch(/\*내보낸 시각: 2026\. 12\. 1\./);
    expect(text).toContain('*문서 요약: 회사 소개.pdf*\n\n- 연차는 15일입니다.');
  });

  it('puts several conversations under one document title, in English when asked', () => {
    const text = toMarkdown(createBundle([plainConversation('a', 2, 1), plainConversation('b', 1, 1)], new Date('2026-12-01T00:00:00Z')), { language: 'en', timeZone: 'UTC' });
    expect(text.startsWith('# Seoyeon conversation export\n')).toBe(true);
    expect(text).toContain('· 2 conversations');
    expect(text.indexOf('## 대화 a')).toBeLessThan(text.indexOf('## 대화 b'));
    expect(text).toContain('### You · Nov 21, 2026');
  });
});
