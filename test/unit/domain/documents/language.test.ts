import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../src/domain/documents/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['plain Korean', '서울의 봄은 짧고 여름은 길다.', 'ko'],
    ['plain English', 'The spring in Seoul is short and the summer is long.', 'en'],
    ['Korean with English terms', 'AWS Bedrock 모델로 PDF 문서를 요약하고 Kendra 인덱스에 넣습니다.', 'ko'],
    ['English with a Korean name', 'The report was written by Kim Minji (김민지) for the quarterly review meeting.', 'en'],
    ['CSV with English headers and Korean values', 'Columns: name | city\nname: 김철수 | city: 부산\nname: 이영희 | city: 대구', 'ko'],
    ['compatibility jamo', 'ㅋㅋㅋ ㅎㅎ', 'ko'],
    ['accented Latin', 'Café déjà vu à la carte', 'en'],
  ] as const)('%s → %s', (_name, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('gives the fallback when there are no letters', () => {
    expect(detectLanguage('12,345 — 67.8%')).toBe('en');
    expect(detectLanguage('', 'ko')).toBe('ko');
    expect(detectLanguage('2024-01-01', 'ko')).toBe('ko');
  });

  it('samples the whole of a long text, not only its start', () => {
    const english = 'This opening page is an English cover letter. '.repeat(300);
    const korean = '본문은 한국어로 작성된 긴 보고서입니다. '.repeat(20_000);
    expect(detectLanguage(english + korean)).toBe('ko');
  });
});
