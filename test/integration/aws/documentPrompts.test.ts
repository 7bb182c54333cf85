// The app's document prompts through the real Bedrock client against the local offline engine:
// a whole-document summary in parts and combined (summarizeDocument), and a grounded answer from
// Kendra passages that cites them. This is what a user of `npm start` without a model sees.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BedrockChatModel } from '../../../src/aws/bedrockChatModel.ts';
import { KendraDocumentIndex } from '../../../src/aws/kendraDocumentIndex.ts';
import { KendraRetriever } from '../../../src/aws/kendraRetriever.ts';
import { citationsFrom, condensePrompt, condensedQuestion, groundedPrompt } from '../../../src/domain/documents/rag.ts';
import { summarizeDocument, type SummaryProgress } from '../../../src/domain/documents/summarize.ts';
import type { StreamEvent } from '../../../src/domain/stream.ts';
import type { ModelRequest } from '../../../src/domain/types.ts';
import { signedInUser, type SignedInUser } from './support.ts';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
let user: SignedInUser;
beforeAll(async () => {
  user = await signedInUser(`prompts-${randomUUID().slice(0, 8)}`);
});
afterAll(() => user?.clients.destroy());

const never = () => new AbortController().signal;

async function answer(model: BedrockChatModel, request: ModelRequest): Promise<string> {
  let text = '';
  for await (const event of model.stream(request, never()) as AsyncIterable<StreamEvent>) if (event.type === 'text-delta') text += event.text;
  return text;
}

const TOPICS = [
  '서연 연구소는 한국어 문서 검색을 연구한다. 검색 정확도는 작년보다 12퍼센트 올랐다.',
  '연구소의 직원은 열두 명이다. 그중 다섯 명이 개발자다.',
  '내년에는 음성 인식 과제를 시작한다. 예산은 4억 원이다.',
  '연구소는 판교에 있다. 사무실은 역에서 걸어서 5분 거리다.',
];

describe('document prompts on the local offline engine', () => {
  it('summarizes a document too long for one call in parts, then combines them, with its own sentences', async () => {
    const paragraphs = Array.from({ length: 24 }, (_, i) => TOPICS[i % TOPICS.length]!);
    const text = paragraphs.join('\n\n');
    const progress: SummaryProgress[] = [];
    const result = await summarizeDocument({
      text,
      language: 'ko',
      modelId: MODEL,
      model: new BedrockChatModel(user.clients),
      signal: never(),
      budgetTokens: 120,
      onProgress: (p) => progress.push(p),
    });
    expect(result.parts).toBeGreaterThan(2);
    expect(progress.some((p) => p.phase === 'parts' && p.done === p.total)).toBe(true);
    const bullets = result.summary.split('\n');
    expect(bullets.length).toBeGreaterThan(0);
    for (const bullet of bullets) expect(text).toContain(bullet.replace(/^- /, ''));
    expect(result.summary).not.toMatch(/부분|LOCAL_LLM_URL|<document>/);
  });

  it('condenses a follow-up to itself and answers it from retrieved passages with a citation', async () => {
    const model = new BedrockChatModel(user.clients);
    await new KendraDocumentIndex(user.clients, user.username).index(
      { documentId: 'lab', title: '연구소 소개 (2026)', text: TOPICS.join('\n\n'), language: 'ko', sourceUri: 'private/x/documents/lab/연구소 소개.pdf' },
      never(),
    );
    const history = [
      { role: 'user' as const, text: '연구소는 어디에 있어?' },
      { role: 'assistant' as const, text: '연구소는 판교에 있다.' },
    ];
    const condense = condensePrompt(history, '그곳 직원은 몇 명이야?', 'ko');
    const reply = await answer(model, { modelId: MODEL, prompt: condense, params: { temperature: 0, maxTokens: 200 } });
    const question = condensedQuestion(reply, '그곳 직원은 몇 명이야?');
    expect(question).toBe('그곳 직원은 몇 명이야?');

    // As runChat does: the condensed question is what is searched for and asked.
    const passages = await new KendraRetriever(user.clients, async () => user.idToken).retrieve({ text: question, language: 'ko' }, never());
    expect(passages.length).toBeGreaterThan(0);
    const grounded = groundedPrompt(passages, question, 'ko');
    const text = await answer(model, {
      modelId: MODEL,
      prompt: { system: grounded.system, messages: [{ role: 'user', text: grounded.userText }] },
      params: { temperature: 0.2, maxTokens: 300 },
    });
    expect(text).toMatch(/^연구소의 직원은 열두 명이다\..*\[\d\]$/);
    expect(text).not.toContain('(연구소 소개');
    const citations = citationsFrom(text, passages);
    expect(citations[0]).toMatchObject({ documentId: 'lab', title: '연구소 소개 (2026)' });
  });
});
