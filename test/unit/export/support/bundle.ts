// A small history with everything an export must carry: Korean text, code blocks, citations,
// partial and error answers, usage, timings, stop reasons and a memory marker.
import { createIdGenerator } from '../../../../src/domain/ids.ts';
import type { Conversation, Message } from '../../../../src/domain/types.ts';
import type { MemoryConversations } from './fakes.ts';

export const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 9, minute)).toISOString();

export interface Seeded {
  conversation: Conversation;
  /** Oldest first. */
  messages: Message[];
}

export function richConversation(id: string, newId = createIdGenerator(() => Date.UTC(2026, 10, 21))): Seeded {
  const message = (fields: Omit<Message, 'id' | 'conversationId'>): Message => ({ id: newId(), conversationId: id, ...fields });
  const messages: Message[] = [
    message({ role: 'user', text: '회사 소개서를 요약해 줘.\n두 줄로.', status: 'complete', createdAt: at(1) }),
    message({
      role: 'assistant',
      text: '## 요약\n\n서연의 사무실은 **판교**에 있어요. [1]\n\n```ts\nconst 사무실 = "판교";\n```\n\n- 직원 12명\n- 설립 2024년 [2]',
      status: 'complete',
      createdAt: at(2),
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      mode: 'chat',
      usage: { inputTokens: 1200, outputTokens: 84 },
      timings: { ttftMs: 310, totalMs: 1290 },
      stopReason: 'end',
      retrieval: 'grounded',
      citations: [
        { index: 1, documentId: 'd1', title: '회사 소개.pdf', uri: 'private/ap-northeast-2:x/documents/d1/회사 소개.pdf', excerpt: '사무실은 판교에', page: 2 },
        { index: 2, documentId: 'd2', title: 'About us', uri: 'https://example.com/about' },
      ],
    }),
    message({ role: 'marker', text: '', status: 'complete', createdAt: at(3), marker: 'memory-cleared' }),
    message({ role: 'user', text: '<img src=x onerror=alert(1)> 이건 뭐야?', status: 'complete', createdAt: at(4) }),
    message({
      role: 'assistant',
      text: '그건 이미지 태그예요 <img src=x onerror=alert(1)> 그리고',
      status: 'partial',
      createdAt: at(5),
      modelId: 'meta.llama3-8b-instruct-v1:0',
      usage: { inputTokens: 30 },
      timings: { totalMs: 800 },
      errorCode: 'aborted',
    }),
    message({ role: 'assistant', text: '', status: 'error', createdAt: at(6), modelId: 'amazon.nova-lite-v1:0', errorCode: 'throttled', timings: { totalMs: 50 }, stopReason: 'other' }),
    message({ role: 'assistant', text: '- 연차는 15일입니다.', status: 'complete', createdAt: at(6), document: { id: 'd1', fileName: '회사 소개.pdf' }, modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0' }),
  ];
  const conversation: Conversation = {
    id,
    title: `판교 사무실 ${id}`,
    modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    mode: 'translate',
    createdAt: at(0),
    updatedAt: at(6),
    messageCount: messages.length,
  };
  return { conversation, messages };
}

export async function seed(repository: MemoryConversations, seeded: Seeded): Promise<void> {
  await repository.saveConversation(seeded.conversation);
  for (const m of seeded.messages) await repository.saveMessage(m);
}

/** A plain conversation with `count` short messages, updated at `minute`. */
export function plainConversation(id: string, minute: number, count: number, newId = createIdGenerator()): Seeded {
  const messages = Array.from({ length: count }, (_v, i): Message => ({
    id: newId(),
    conversationId: id,
    role: i % 2 === 0 ? 'user' : 'assistant',
    text: `메시지 ${i}`,
    status: 'complete',
    createdAt: at(minute),
  }));
  return { conversation: { id, title: `대화 ${id}`, modelId: 'm', mode: 'chat', createdAt: at(0), updatedAt: at(minute), messageCount: count }, messages };
}
