// The offline engine on the app's own document prompts (built by the domain's prompt functions,
// so a change of format there shows up here): condense, summary (whole, part, combine) and RAG.
import { describe, expect, it } from 'vitest';
import { offlineAnswer } from '../../../infra/local/bedrock/engine/offline.ts';
import { withoutLabel } from '../../../infra/local/bedrock/engine/material.ts';
import type { ChatRequest } from '../../../infra/local/bedrock/families/types.ts';
import { condensePrompt, groundedPrompt } from '../../../src/domain/documents/rag.ts';
import { summaryUserTurn } from '../../../src/domain/documents/summarize.ts';
import type { Passage, Prompt } from '../../../src/domain/types.ts';

const request = (prompt: Prompt): ChatRequest => ({
  system: prompt.system,
  turns: prompt.messages.map((m) => ({ role: m.role, text: m.text })),
  maxTokens: 2000,
  stopSequences: [],
  promptText: prompt.messages.map((m) => m.text).join('\n'),
});

const SUMMARY_SYSTEM_KO = '당신은 문서를 요약하는 도우미입니다. 요약은 한국어로 쓰세요. 문서에 없는 내용은 덧붙이지 마세요.';
const SUMMARY_SYSTEM_EN = 'You are an assistant that summarizes documents. Write the summary in English. Use short paragraphs or bullet points.';

describe('condense calls', () => {
  const history = [
    { role: 'user' as const, text: '서연의 사무실은 어디에 있어?' },
    { role: 'assistant' as const, text: '서연의 사무실은 판교에 있다. 직원은 열두 명이다.' },
  ];

  it('answer with the question as asked, never with a sentence of the history', () => {
    const answer = offlineAnswer(request(condensePrompt(history, '  그곳 직원은 몇 명이야?  ', 'ko')));
    expect(answer).toBe('그곳 직원은 몇 명이야?');
  });

  it('work the same for the English prompt', () => {
    const english = [{ role: 'user' as const, text: 'Where is the office?' }, { role: 'assistant' as const, text: 'The office is in Pangyo.' }];
    expect(offlineAnswer(request(condensePrompt(english, 'How many people work there?', 'en')))).toBe('How many people work there?');
  });
});

describe('summary calls', () => {
  const documentKo = [
    '서연은 한국어 우선 문서 챗봇이다. 사용자는 PDF와 CSV를 올린다.',
    '오늘 점심은 김치찌개였다. 맛있었다.',
    '서연 챗봇은 브라우저에서 AWS를 직접 부르므로 서버가 필요 없다.',
    '서연 챗봇은 문서 질문에 출처와 함께 답한다.',
  ].join('\n\n');

  const summarize = (system: string, text: string, question: string) =>
    offlineAnswer(request({ system, messages: [{ role: 'user', text: summaryUserTurn(text, question) }] }));

  it("summarize with the document's own sentences, never the wrapper or the instructions", () => {
    const summary = summarize(SUMMARY_SYSTEM_KO, documentKo, '이 문서를 요약해 주세요.');
    const bullets = summary.split('\n');
    expect(bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets) {
      expect(bullet).toMatch(/^- /);
      expect(documentKo).toContain(bullet.slice(2));
    }
    expect(summary).toContain('서연은 한국어 우선 문서 챗봇이다.');
    expect(summary).not.toMatch(/document|요약해|도우미|LOCAL_LLM_URL/);
  });

  it('keep document sentences that read like instructions: the document is data', () => {
    const text = 'You are required to wear a badge in the office.\n\nVisitors sign in at the front desk.';
    const summary = summarize(SUMMARY_SYSTEM_EN, text, 'Summarize this document.');
    expect(summary).toBe('- You are required to wear a badge in the office.\n- Visitors sign in at the front desk.');
  });

  it('summarize one part of a longer document', () => {
    const summary = summarize(SUMMARY_SYSTEM_KO, documentKo, '긴 문서의 2/5 부분입니다. 이 부분을 요약해 주세요.');
    expect(summary).toContain('서연 챗봇은 문서 질문에 출처와 함께 답한다.');
    expect(summary).not.toContain('2/5');
  });

  it('combine part summaries into one, without the part labels', () => {
    const parts = [
      '[부분 1/3]\n- 서연은 한국어 우선 문서 챗봇이다.\n- 사용자는 PDF와 CSV를 올린다.',
      '[부분 2/3]\n- 서연 챗봇은 브라우저에서 AWS를 직접 부른다.',
      '[부분 3/3]\n- 서연 챗봇은 문서 질문에 출처와 함께 답한다.',
    ].join('\n\n');
    const summary = summarize(SUMMARY_SYSTEM_KO, parts, '한 문서를 차례로 나눈 부분들의 요약입니다. 문서 전체의 요약 하나로 합쳐 주세요.');
    expect(summary).toBe('- 서연은 한국어 우선 문서 챗봇이다.\n- 서연 챗봇은 브라우저에서 AWS를 직접 부른다.\n- 서연 챗봇은 문서 질문에 출처와 함께 답한다.');
    const english = summarize(SUMMARY_SYSTEM_EN, '[Part 1/2]\n- The office is in Pangyo.\n\n[Part 2/2]\n- Twelve people work there.', 'These are summaries of the consecutive parts of one document. Combine them into one summary of the whole document.');
    expect(english).toBe('- The office is in Pangyo.\n- Twelve people work there.');
  });
});

describe('RAG calls', () => {
  const passages: Passage[] = [
    { documentId: 'a', title: '직원 현황 (2026).pdf', page: 3, text: '서연의 직원은 열두 명이다. 그중 다섯 명이 개발자다.\n나머지는 영업과 운영을 맡는다.' },
    { documentId: 'b', title: '사무실 안내', text: '서연의 사무실은 판교에 있다.\n\n점심은 열두 시다.' },
    { documentId: 'c', title: '휴가 규정', page: 1, text: '연차는 매년 15일이다.' },
  ];
  const answer = (question: string, list: Passage[] = passages) => {
    const { system, userText } = groundedPrompt(list, question, 'ko');
    return offlineAnswer(request({ system, messages: [{ role: 'user', text: userText }] }));
  };

  it('answer with the best passage sentence and its [n]', () => {
    expect(answer('서연 사무실은 어디에 있나요?')).toBe('서연의 사무실은 판교에 있다. [2]');
    expect(answer('연차는 며칠인가요?')).toBe('연차는 매년 15일이다. [3]');
  });

  it('never quote the "(title · p.n)" label, even when the question names the title', () => {
    const reply = answer('직원 현황에서 직원은 몇 명인가요?');
    expect(reply.startsWith('서연의 직원은 열두 명이다.')).toBe(true);
    expect(reply).not.toMatch(/\(|p\.3|2026/);
    expect(reply).toMatch(/\[1\]$/);
  });

  it('cite a run of sentences from one passage once', () => {
    const reply = answer('직원 중 개발자는 몇 명인가요?');
    expect(reply).toBe('서연의 직원은 열두 명이다. 그중 다섯 명이 개발자다. [1]');
  });

  it('say so when no passage matches', () => {
    expect(answer('주차는 어디에 하나요?')).toContain('자료에서 찾지 못했어요');
  });

  it('answer from English passages with English citations', () => {
    const reply = (() => {
      const { system, userText } = groundedPrompt(
        [{ documentId: 'e', title: 'About (v2)', page: 2, text: 'The office is in Pangyo. It opened in 2024.' }],
        'Where is the office?',
        'en',
      );
      return offlineAnswer(request({ system, messages: [{ role: 'user', text: userText }] }));
    })();
    expect(reply).toBe('The office is in Pangyo. [1]');
  });
});

describe('passage labels', () => {
  it.each([
    ['(회사 소개 · p.3) 본문이다.', '본문이다.'],
    ['(보고서 (최종).pdf · p.12) 본문 (괄호) 이다.', '본문 (괄호) 이다.'],
    ['본문 (괄호) 이다.', '본문 (괄호) 이다.'],
    ['(닫히지 않은 괄호 본문', '(닫히지 않은 괄호 본문'],
  ])('%j → %j', (passage, text) => {
    expect(withoutLabel(passage)).toBe(text);
  });
});
