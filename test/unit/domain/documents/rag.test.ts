import { describe, expect, it } from 'vitest';
import {
  citationsFrom,
  condensePrompt,
  condensedQuestion,
  groundedPrompt,
  locatePassage,
  noPassagesNote,
  pageAt,
  splitPassageByPages,
} from '../../../../src/domain/documents/rag.ts';
import type { Passage } from '../../../../src/domain/types.ts';

const passages: Passage[] = [
  { documentId: 'd1', title: '연차 규정.pdf', text: '연차는 입사 1년 후 15일이 주어진다.', page: 3, uri: 'private/u/documents/d1/연차 규정.pdf' },
  { documentId: 'd2', title: 'prices.csv', text: 'item: 사과 | price: 1200\n\nitem: 배 | price: 2500' },
  { documentId: 'd1', title: '연차 규정.pdf', text: '병가는 연 10일까지 유급이다.', page: 7 },
];

describe('condensePrompt', () => {
  it.each([
    ['ko', '독립된 질문', '사용자: ', '도우미: '],
    ['en', 'standalone question', 'User: ', 'Assistant: '],
  ] as const)('%s: asks for a standalone question over <history> and <question>', (language, phrase, user, assistant) => {
    const prompt = condensePrompt(
      [
        { role: 'user', text: '연차 규정 알려줘' },
        { role: 'assistant', text: '연차는 15일입니다.' },
      ],
      '  그럼 병가는?  ',
      language,
    );
    expect(prompt.system).toContain(phrase);
    expect(prompt.messages).toEqual([
      { role: 'user', text: `<history>\n${user}연차 규정 알려줘\n${assistant}연차는 15일입니다.\n</history>\n\n<question>그럼 병가는?</question>` },
    ]);
  });

  it('keeps only the recent turns and clips long answers', () => {
    const history = Array.from({ length: 10 }, (_, i) => ({ role: i % 2 === 0 ? ('user' as const) : ('assistant' as const), text: `m${i} ${'x'.repeat(i === 9 ? 5000 : 1)}` }));
    const text = condensePrompt(history, 'q', 'en').messages[0]!.text;
    expect(text).not.toContain('m3 ');
    expect(text).toContain('User: m4 ');
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain('…');
  });
});

describe('condensedQuestion', () => {
  it.each([
    ['병가는 며칠인가요?', '그럼 병가는?', '병가는 며칠인가요?'],
    ['Standalone question: "How many sick days are there?"\n\nBecause…', 'and sick days?', 'How many sick days are there?'],
    ['질문: 병가 일수는?', '병가는?', '병가 일수는?'],
    ['   \n ', '병가는?', '병가는?'],
    ['x'.repeat(900), 'short?', 'short?'],
  ])('%j → %j', (reply, original, expected) => {
    expect(condensedQuestion(reply, original)).toBe(expected);
  });
});

describe('groundedPrompt', () => {
  it('numbers the passages with title and page, then the question', () => {
    const { system, userText } = groundedPrompt(passages, ' 병가는 며칠? ', 'ko');
    expect(userText).toBe(
      '<passages>\n' +
        '[1] (연차 규정.pdf · p.3) 연차는 입사 1년 후 15일이 주어진다.\n' +
        '[2] (prices.csv) item: 사과 | price: 1200\nitem: 배 | price: 2500\n' +
        '[3] (연차 규정.pdf · p.7) 병가는 연 10일까지 유급이다.\n' +
        '</passages>\n\n<question>병가는 며칠?</question>',
    );
    expect(system).toContain('[1]');
    expect(system).toContain('답을 찾지 못했다');
  });

  it('has an English system prompt that asks for [n] citations and to say when the answer is missing', () => {
    const { system } = groundedPrompt(passages, 'q', 'en');
    expect(system).toMatch(/\[1\]/);
    expect(system).toMatch(/do not contain the answer/);
    expect(noPassagesNote('en')).toMatch(/nothing in the user's documents/);
    expect(noPassagesNote('ko')).toContain('찾지 못했다');
  });
});

describe('citationsFrom', () => {
  it.each([
    ['order of first use', '병가는 10일입니다[3]. 연차는 15일[1]이고 다시 병가[3].', [3, 1]],
    ['grouped and listed numbers', '둘 다 [2][1] 그리고 [3, 1]', [2, 1, 3]],
    ['out-of-range numbers ignored', '여기 [0] 저기 [4] 그리고 [2]', [2]],
    ['nothing cited → every passage', '문서에 답이 없습니다.', [1, 2, 3]],
    ['only out-of-range → every passage', '[9]', [1, 2, 3]],
  ])('%s', (_name, answer, expected) => {
    const citations = citationsFrom(answer, passages);
    expect(citations.map((c) => c.index)).toEqual(expected);
    for (const c of citations) expect(c.documentId).toBe(passages[c.index - 1]!.documentId);
  });

  it('carries title, page, uri and an excerpt of the passage', () => {
    const [first] = citationsFrom('[1]', [{ ...passages[0]!, text: '가'.repeat(3000) }]);
    expect(first).toMatchObject({ index: 1, documentId: 'd1', title: '연차 규정.pdf', page: 3, uri: 'private/u/documents/d1/연차 규정.pdf' });
    expect(first!.excerpt!.length).toBe(1001);
    expect(citationsFrom('[2]', passages)[0]).toEqual({ index: 2, documentId: 'd2', title: 'prices.csv', excerpt: passages[1]!.text });
  });
});

describe('pageAt', () => {
  const starts = [0, 120, 480, 900];
  it.each([
    [0, 1],
    [119, 1],
    [120, 2],
    [479, 2],
    [480, 3],
    [5000, 4],
    [-3, 1],
  ])('offset %i is on page %i', (offset, page) => {
    expect(pageAt(starts, offset)).toBe(page);
  });
  it('is page 1 without page starts', () => {
    expect(pageAt([], 42)).toBe(1);
  });
});

describe('locatePassage', () => {
  const text = '첫 쪽 머리말.\n\n연차는 입사 1년 후\n15일이 주어진다. 사용하지 않은 연차는\n이월되지 않는다.\n\n병가는 연 10일.';
  it.each([
    ['exact', '연차는 입사 1년 후\n15일이 주어진다.', text.indexOf('연차는 입사')],
    ['different whitespace', '연차는  입사 1년 후 15일이 주어진다.', text.indexOf('연차는 입사')],
    ['no spaces where the text has line breaks', '사용하지 않은 연차는이월되지 않는다', text.indexOf('사용하지')],
    ['Kendra ellipsis', '...병가는 연 10일...', text.indexOf('병가는')],
    ['regex characters', '머리말.', text.indexOf('머리말')],
    ['missing', '퇴직금은 30일분', -1],
    ['blank', '   ', -1],
  ])('%s', (_name, passage, expected) => {
    expect(locatePassage(text, passage)).toBe(expected);
  });

  it('finds a long passage by its middle when its start was cut differently', () => {
    const body = Array.from({ length: 40 }, (_, i) => `문장 ${i}번은 고유한 내용 ${i * 13}을 담는다.`).join(' ');
    const doc = `머리\n\n${body}`;
    const passage = `(앞부분이 다름) ${body.slice(10, 600)}`;
    const at = locatePassage(doc, passage);
    expect(at).toBeGreaterThan(doc.indexOf(body));
    expect(at).toBeLessThan(doc.indexOf(body) + 600);
  });
});

describe('splitPassageByPages', () => {
  const pages = ['대한민국 헌법 제1조\n대한민국은 민주공화국이다.', '서연은 브라우저에서 동작하는 한국어 챗봇입니다.\nSeoyeon reads Korean PDF files.', '세 번째 쪽입니다.'];
  const text = pages.join('\n\n');
  const starts = [0, pages[0]!.length + 2, pages[0]!.length + pages[1]!.length + 4];

  it('cuts a passage at the page breaks it crosses, each piece with its page', () => {
    // The search engine joined lines with spaces; the pieces come from the document's own text.
    const passage = text.replace(/\s+/g, ' ');
    expect(splitPassageByPages(text, starts, passage)).toEqual([
      { text: pages[0], page: 1 },
      { text: pages[1], page: 2 },
      { text: pages[2], page: 3 },
    ]);
  });

  it('keeps a passage on one page whole, with that page', () => {
    expect(splitPassageByPages(text, starts, 'Seoyeon reads Korean PDF files.')).toEqual([{ text: 'Seoyeon reads Korean PDF files.', page: 2 }]);
  });

  it('starts mid-page and ends mid-page', () => {
    expect(splitPassageByPages(text, starts, '대한민국은 민주공화국이다. 서연은 브라우저에서')).toEqual([
      { text: '대한민국은 민주공화국이다.', page: 1 },
      { text: '서연은 브라우저에서', page: 2 },
    ]);
  });

  it('is undefined for a passage that is not in the text', () => {
    expect(splitPassageByPages(text, starts, '전혀 없는 문장')).toBeUndefined();
  });
});
