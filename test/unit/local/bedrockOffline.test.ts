import { describe, expect, it } from 'vitest';
import { createOfflineEngine, offlineAnswer } from '../../../infra/local/bedrock/engine/offline.ts';
import { splitQuestion } from '../../../infra/local/bedrock/engine/material.ts';
import { terms } from '../../../infra/local/bedrock/engine/similarity.ts';
import type { ChatRequest, Turn } from '../../../infra/local/bedrock/families/types.ts';

const ask = (text: string, system = '', history: Turn[] = []): ChatRequest => ({
  system,
  turns: [...history, { role: 'user', text }],
  maxTokens: 1000,
  stopSequences: [],
  promptText: text,
});

describe('Korean-aware terms', () => {
  it('drops particles, endings and question words, keeping syllable bigrams of the content', () => {
    expect(terms('서연의 사무실은 어디에 있나요?')).toEqual(['서연', '사무', '무실']);
    expect(terms('서연의 사무실은 판교에 있다.')).toEqual(['서연', '사무', '무실', '판교']);
    // The spoken copula goes the same way as the written one.
    expect(terms('직원은 몇 명이야?')).toEqual(terms('직원은 열두 명이다.').filter((t) => t !== '열두'));
  });

  it('lower-cases and stems English, dropping stop words', () => {
    expect(terms('Where are the Offices of Seoyeon located?')).toEqual(['office', 'seoyeon', 'locat']);
  });
});

describe('separating the question from pasted material', () => {
  it.each([
    ['자료.\n\n질문: 어디인가요?', '어디인가요?'],
    ['<document>본문</document>\n<question>무엇인가요?</question>', '무엇인가요?'],
    ['다음 문서를 요약해 주세요.\n\n첫 문단이다.\n\n둘째 문단이다.', '다음 문서를 요약해 주세요.'],
    ['긴 본문이다.\n\n그래서 결론은 뭐야?', '그래서 결론은 뭐야?'],
    ['안녕', '안녕'],
  ])('%j → %j', (turn, question) => {
    expect(splitQuestion(turn).question).toBe(question);
  });
});

describe('offline answers', () => {
  const doc = '서연은 한국어 우선 챗봇이다. 서연의 사무실은 판교에 있다. 직원은 열두 명이다.';

  it('answers a Korean question with the best sentence of the document', () => {
    expect(offlineAnswer(ask('서연의 사무실은 어디에 있나요?', `<document>\n${doc}\n</document>`))).toBe('서연의 사무실은 판교에 있다.');
    expect(offlineAnswer(ask(`${doc}\n\n직원은 몇 명인가요?`))).toBe('직원은 열두 명이다.');
  });

  it('answers in English from English material, adding the sentence that follows the best one', () => {
    const system = 'You are a helpful assistant. Answer in English.\n\nContext:\nThe Eiffel Tower is in Paris. It was built in 1889. The Louvre is a museum.';
    expect(offlineAnswer(ask('When was the Eiffel Tower built?', system))).toBe('The Eiffel Tower is in Paris. It was built in 1889.');
  });

  it('never quotes the instructions of the system prompt', () => {
    const system = '당신은 서연입니다. 사무실 위치를 물으면 친절하게 답하세요.\n\n' + doc;
    expect(offlineAnswer(ask('사무실은 어디에 있어?', system))).toBe('서연의 사무실은 판교에 있다.');
  });

  it('cites numbered passages', () => {
    const system = '아래 자료로 답하고 [번호]로 인용하세요.\n[1] 서연은 2024년에 만들어졌다. 본사는 서울이다.\n[2] 서연의 사무실은 판교에 있다.\n[3] 점심은 열두 시다.';
    expect(offlineAnswer(ask('서연의 사무실은 어디에 있나요?', system))).toBe('서연의 사무실은 판교에 있다. [2]');
  });

  it('cites a passage even when an earlier turn (a posted summary) holds the same sentence', () => {
    const history: Turn[] = [
      { role: 'user', text: '[summary of 회사.pdf]' },
      { role: 'assistant', text: '- 서연의 사무실은 판교에 있다.' },
    ];
    const turn = '<passages>\n[1] (회사.pdf · p.2) 서연의 사무실은 판교에 있다.\n</passages>\n\n<question>서연의 사무실은 어디에 있나요?</question>';
    expect(offlineAnswer(ask(turn, '', history))).toBe('서연의 사무실은 판교에 있다. [1]');
  });

  it('uses earlier turns as material', () => {
    const history: Turn[] = [
      { role: 'user', text: '내 이름은 민준이고 부산에 살아.' },
      { role: 'assistant', text: '반가워요.' },
    ];
    expect(offlineAnswer(ask('내 이름이 뭐라고 했지?', '', history))).toBe('내 이름은 민준이고 부산에 살아.');
  });

  it('summarizes with the leading sentences of the most central paragraphs', () => {
    const text =
      '다음 글을 요약해 주세요.\n\n' +
      '서연은 한국어 챗봇이다. 서연은 문서를 읽는다.\n\n' +
      '오늘 점심은 김치찌개였다. 맛있었다.\n\n' +
      '서연 챗봇은 브라우저에서 AWS를 직접 부른다. 서버가 필요 없다.\n\n' +
      '서연 챗봇은 문서에 대한 질문에 답한다. 출처도 보여 준다.\n\n' +
      '날씨가 맑았다.';
    expect(offlineAnswer(ask(text))).toBe(
      '- 서연은 한국어 챗봇이다.\n- 서연 챗봇은 브라우저에서 AWS를 직접 부른다.\n- 서연 챗봇은 문서에 대한 질문에 답한다.',
    );
  });

  it('says honestly what it is when nothing matches, in the language of the question', () => {
    const ko = offlineAnswer(ask('오늘 기분 어때?', doc));
    expect(ko).toMatch(/^저는 서연 로컬 스택의 오프라인 엔진이에요\./);
    expect(ko).toContain('자료에서 찾지 못했어요');
    expect(ko).toContain('LOCAL_LLM_URL');
    const en = offlineAnswer(ask('Tell me a joke'));
    expect(en).toMatch(/^I'm the local offline engine/);
    expect(en).toContain('no material');
    expect(en).toContain('LOCAL_LLM_URL');
  });

  it('declines translation honestly', () => {
    expect(offlineAnswer(ask(`다음을 영어로 번역해 줘.\n\n${doc}`))).toContain('번역은 할 수 없어요');
  });

  it('does not quote its own earlier notes', () => {
    const note = offlineAnswer(ask('안녕?'));
    const again = offlineAnswer(ask('오프라인 엔진이 뭐야?', '', [{ role: 'user', text: '안녕?' }, { role: 'assistant', text: note }]));
    expect(again).toContain('참고할 자료가 없었어요');
  });

  it('is deterministic', () => {
    const request = ask('서연의 사무실은 어디에 있나요?', doc);
    expect(offlineAnswer(request)).toBe(offlineAnswer(request));
  });
});

describe('offline engine pacing', () => {
  it('waits LOCAL_LLM_TTFT_MS before the first piece and paces the rest', async () => {
    const engine = createOfflineEngine({ ttftMs: 120, tokensPerSecond: 200 });
    const started = Date.now();
    const times: number[] = [];
    for await (const _piece of engine.generate(ask('직원은 몇 명인가요?', '직원은 열두 명이다.'), new AbortController().signal)) times.push(Date.now() - started);
    expect(times[0]).toBeGreaterThanOrEqual(110);
    expect(times.length).toBeGreaterThan(2);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(5 * (times.length - 1));
  });

  it('stops promptly when aborted', async () => {
    const engine = createOfflineEngine({ ttftMs: 5_000, tokensPerSecond: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const pieces: string[] = [];
    for await (const piece of engine.generate(ask('안녕'), controller.signal)) pieces.push(piece);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(pieces).toEqual([]);
  });
});

describe('the app modes', () => {
  const chatKo =
    '당신은 AI 어시스턴트 "서연"입니다. 사용자가 쓴 언어로 답하고, 언어를 알 수 없으면 한국어로 답하세요. 이모지는 쓰지 마세요. ' +
    '정확하고 간결하게 답하며, 모르는 것은 모른다고 말하세요. 필요하면 마크다운(목록, 표, 코드 블록)을 쓰세요.';
  const chatEn =
    'You are Seoyeon (서연), an AI assistant. Answer in the language the user writes in; when it is unclear, answer in Korean. ' +
    'Do not use emoji. Be accurate and concise, and say so when you do not know. Use Markdown (lists, tables, code blocks) where it helps.';

  it('never answers with the instructions of a conversation system prompt', () => {
    expect(offlineAnswer(ask('이모지 써도 돼?', chatKo))).toContain('참고할 자료가 없었어요');
    expect(offlineAnswer(ask('Can I use Markdown tables?', chatEn))).toContain('no material');
  });

  it('declines a task mode in the language of the system prompt, naming the role', () => {
    const translator = '당신은 AI 어시스턴트 "서연"입니다. 번역가로서 일합니다. 번역문만 출력하세요.';
    const answer = offlineAnswer(ask('The office is in Pangyo.', translator));
    expect(answer).toContain('이 모드의 작업(번역가)');
    expect(offlineAnswer(ask('좋은 하루', 'You are Seoyeon. Act as a sentiment analyst. Classify the text.'))).toContain('(sentiment analyst)');
  });
});
