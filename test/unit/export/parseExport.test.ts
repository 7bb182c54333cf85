import { describe, expect, it } from 'vitest';
import { ImportError, parseExport } from '../../../src/domain/export/parseExport.ts';
import { createBundle, toJson } from '../../../src/domain/export/schema.ts';
import { richConversation } from './support/bundle.ts';

const valid = () => JSON.parse(toJson(createBundle([richConversation('c1')], new Date('2026-12-01T00:00:00Z')))) as Record<string, unknown> & {
  conversations: Array<{ conversation: Record<string, unknown>; messages: Array<Record<string, unknown>> }>;
};

function refusal(text: string): ImportError {
  try {
    parseExport(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('parseExport accepted the file');
}

function edited(change: (data: ReturnType<typeof valid>) => void): string {
  const data = valid();
  change(data);
  return JSON.stringify(data);
}

describe('parseExport', () => {
  it('accepts its own output, with a byte order mark too', () => {
    const text = toJson(createBundle([richConversation('c1')], new Date('2026-12-01T00:00:00Z')));
    expect(parseExport(`\uFEFF${text}`)).toEqual(JSON.parse(text));
  });

  it.each([
    ['not JSON at all', 'hello', 'import-not-json', /not JSON/],
    ['a truncated file', toJson(createBundle([], new Date())).slice(0, 20), 'import-not-json', /not JSON/],
    ['a JSON list', '[]', 'import-wrong-format', /not a Seoyeon export/],
    ['another app’s JSON', '{"messages": []}', 'import-wrong-format', /format is missing, expected "seoyeon.export"/],
    ['a wrong format name', edited((d) => (d.format = 'chatgpt.export')), 'import-wrong-format', /format is "chatgpt.export"/],
    ['a newer version', edited((d) => (d.version = 2)), 'import-unsupported-version', /version 2 is not supported \(this app reads version 1\)/],
    ['a version as text', edited((d) => (d.version = '1')), 'import-unsupported-version', /version "1" is not supported/],
    ['no exportedAt', edited((d) => delete d.exportedAt), 'import-invalid', /^exportedAt must be a string \(got nothing\)$/],
    ['conversations not a list', edited((d) => (d.conversations = {} as never)), 'import-invalid', /^conversations must be a list/],
    ['a conversation without id', edited((d) => delete d.conversations[0]!.conversation.id), 'import-invalid', /^conversations\[0\]\.conversation\.id must be a string/],
    ['a bad date', edited((d) => (d.conversations[0]!.conversation.createdAt = 'yesterday')), 'import-invalid', /conversation\.createdAt must be an ISO date-time \(got "yesterday"\)/],
    ['a negative count', edited((d) => (d.conversations[0]!.conversation.messageCount = -1)), 'import-invalid', /messageCount must be a whole number/],
    ['messages missing', edited((d) => delete (d.conversations[0] as Record<string, unknown>).messages), 'import-invalid', /^conversations\[0\]\.messages must be a list/],
    ['an unknown role', edited((d) => (d.conversations[0]!.messages[1]!.role = 'system')), 'import-invalid', /messages\[1\]\.role must be one of user, assistant, marker \(got "system"\)/],
    ['an unknown status', edited((d) => (d.conversations[0]!.messages[0]!.status = 'done')), 'import-invalid', /messages\[0\]\.status must be one of complete, partial, error/],
    ['text that is not text', edited((d) => (d.conversations[0]!.messages[0]!.text = 42)), 'import-invalid', /messages\[0\]\.text must be a string \(got 42\)/],
    ['a message of another conversation', edited((d) => (d.conversations[0]!.messages[2]!.conversationId = 'other')), 'import-invalid', /messages\[2\]\.conversationId must be the id of its conversation "c1"/],
    ['duplicate message ids', edited((d) => (d.conversations[0]!.messages[1]!.id = d.conversations[0]!.messages[0]!.id)), 'import-invalid', /messages\[1\]\.id must be unique/],
    ['a citation without title', edited((d) => delete (d.conversations[0]!.messages[1]!.citations as Array<Record<string, unknown>>)[0]!.title), 'import-invalid', /messages\[1\]\.citations\[0\]\.title must be a string/],
    ['usage as text', edited((d) => (d.conversations[0]!.messages[1]!.usage = { inputTokens: '12' })), 'import-invalid', /usage\.inputTokens must be a whole number/],
    ['timings without total', edited((d) => (d.conversations[0]!.messages[1]!.timings = { ttftMs: 3 })), 'import-invalid', /timings\.totalMs must be a number of milliseconds/],
    ['a bad stop reason', edited((d) => (d.conversations[0]!.messages[1]!.stopReason = 'tired')), 'import-invalid', /stopReason must be one of end, max-tokens/],
    ['duplicate conversations', edited((d) => d.conversations.push(d.conversations[0]!)), 'import-invalid', /^conversations\[1\]\.conversation\.id must be unique in the file/],
  ])('refuses %s', (_name, text, reason, message) => {
    const error = refusal(text);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(message);
  });

  it('names the failing field in `path`', () => {
    expect(refusal(edited((d) => (d.conversations[0]!.messages[3]!.status = 'x'))).path).toBe('conversations[0].messages[3].status');
  });

  it('drops fields it does not know and keeps an unknown error code as `unknown`', () => {
    const parsed = parseExport(
      edited((d) => {
        d.conversations[0]!.messages[1]!.injected = { S: 'x' };
        d.conversations[0]!.conversation.pk = 'someone-else';
        d.conversations[0]!.messages[4]!.errorCode = 'brand-new-code';
      }),
    );
    const entry = parsed.conversations[0]!;
    expect(entry.conversation).not.toHaveProperty('pk');
    expect(entry.messages[1]).not.toHaveProperty('injected');
    expect(entry.messages[4]?.errorCode).toBe('unknown');
  });
});
