import { describe, expect, it } from 'vitest';
import type { Retriever } from '../../../src/domain/ports.ts';
import type { DocumentRecord, Passage } from '../../../src/domain/types.ts';
import { answer } from './fakes.ts';
import { ask, makeChat } from './harness.ts';

const record: DocumentRecord = {
  id: 'doc-1',
  fileName: '취업규칙.pdf',
  type: 'pdf',
  size: 1234,
  s3Key: 'private/u/documents/doc-1/취업규칙.pdf',
  status: 'ready',
  summary: '- 연차는 15일입니다.',
  summaryModelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
  createdAt: '2026-11-21T00:00:00.000Z',
  updatedAt: '2026-11-21T00:00:00.000Z',
};

function retriever(passages: Passage[]): Retriever & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async retrieve(query) {
      queries.push(query.text);
      return passages;
    },
  };
}

describe('chat store: documents in the conversation', () => {
  it('a finished summary starts a conversation named after the file when none is open', async () => {
    const t = makeChat();
    await t.chat.getState().postSummary(record);
    const { conversationId, messages } = t.chat.getState();
    expect(conversationId).toBeDefined();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ role: 'assistant', text: '- 연차는 15일입니다.', document: { id: 'doc-1', fileName: '취업규칙.pdf' } });
    expect(t.repository.messagesOf(conversationId!)).toHaveLength(1);
    expect(t.conversations.getState().conversations.map((c) => c.title)).toEqual(['취업규칙.pdf']);
    expect(t.conversations.getState().activeId).toBe(conversationId);
  });

  it('goes into the open conversation after what is there, and the model sees it afterwards', async () => {
    const t = makeChat({ scripts: [answer(['첫 답'])] });
    await ask(t.chat, '안녕');
    const id = t.chat.getState().conversationId;
    await t.chat.getState().postSummary(record);
    expect(t.chat.getState().conversationId).toBe(id);
    expect(t.chat.getState().messages.map((m) => m.text)).toEqual(['안녕', '첫 답', '- 연차는 15일입니다.']);
    expect(t.conversations.getState().conversations[0]?.messageCount).toBe(3);
  });

  it('with documents on, the question is searched, the answer cites the passage and only the question is saved as asked', async () => {
    const search = retriever([{ documentId: 'doc-1', title: '취업규칙.pdf', text: '연차 휴가는 매년 15일이 주어진다.', page: 3 }]);
    const t = makeChat({ scripts: [answer(['연차는 15일입니다 [1].'])], documentSearch: { retriever: search } });
    t.chat.getState().setUseDocuments(true);
    await ask(t.chat, '연차는 며칠이야?');
    expect(search.queries).toEqual(['연차는 며칠이야?']);
    const prompt = t.model.requests[0]!.prompt.messages.at(-1)!.text;
    expect(prompt).toContain('[1]');
    expect(prompt).toContain('연차 휴가는 매년 15일이 주어진다.');
    const [question, reply] = t.chat.getState().messages;
    expect(question?.text).toBe('연차는 며칠이야?');
    expect(reply).toMatchObject({ retrieval: 'grounded', citations: [{ index: 1, documentId: 'doc-1', title: '취업규칙.pdf', page: 3 }] });
  });

  it('with documents off, nothing is searched', async () => {
    const search = retriever([{ documentId: 'doc-1', title: 'a', text: 'b' }]);
    const t = makeChat({ scripts: [answer(['그냥 답'])], documentSearch: { retriever: search } });
    await ask(t.chat, '질문');
    expect(search.queries).toEqual([]);
    expect(t.chat.getState().messages.at(-1)?.retrieval).toBeUndefined();
  });
});
