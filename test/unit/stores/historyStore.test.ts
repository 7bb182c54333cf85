import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { parseExport } from '../../../src/domain/export/parseExport.ts';
import type { Progress } from '../../../src/domain/export/paging.ts';
import { createHistoryStore, type HistoryChange, type HistoryDeps, type ReadableFile } from '../../../src/stores/historyStore.ts';
import { plainConversation, richConversation, seed } from '../export/support/bundle.ts';
import { MemoryCallLog, MemoryConversations } from '../export/support/fakes.ts';

interface Saved {
  fileName: string;
  mime: string;
  content: string;
}

function setup(overrides: Partial<HistoryDeps> = {}) {
  const conversations = new MemoryConversations();
  const callLog = new MemoryCallLog();
  const saved: Saved[] = [];
  const changes: HistoryChange[] = [];
  const errors: string[] = [];
  let language: 'ko' | 'en' = 'ko';
  const store = createHistoryStore({
    ports: { conversations, callLog },
    download: { save: (fileName, mime, content) => void saved.push({ fileName, mime, content }) },
    language: () => language,
    now: () => new Date(2026, 11, 1, 9, 30),
    timeZone: 'UTC',
    onChanged: (change) => changes.push(change),
    onError: (code) => errors.push(code),
    ...overrides,
  });
  return { store, conversations, callLog, saved, changes, errors, setLanguage: (l: 'ko' | 'en') => (language = l) };
}

const file = (content: string, name = 'seoyeon.json'): ReadableFile & { reads: number } => ({
  name,
  size: new TextEncoder().encode(content).length,
  reads: 0,
  async text() {
    this.reads++;
    return content;
  },
});

describe('history store', () => {
  it('exports one conversation as JSON through the download port, named after its title', async () => {
    const { store, conversations, saved } = setup();
    const seeded = richConversation('c1');
    await seed(conversations, seeded);
    await seed(conversations, plainConversation('c2', 50, 2));

    await store.getState().exportConversation('c1', 'json');

    expect(saved).toHaveLength(1);
    expect(saved[0]?.fileName).toBe('seoyeon-판교-사무실-c1-20261201-0930.json');
    expect(saved[0]?.mime).toBe('application/json;charset=utf-8');
    const bundle = parseExport(saved[0]!.content);
    expect(bundle.conversations).toEqual([seeded]);
    expect(store.getState()).toMatchObject({
      busy: undefined,
      error: undefined,
      result: { kind: 'exported', format: 'json', conversations: 1, messages: seeded.messages.length },
    });
  });

  it('exports everything as HTML or Markdown in the current language', async () => {
    const { store, conversations, saved, setLanguage } = setup();
    await seed(conversations, plainConversation('c1', 1, 2));
    await seed(conversations, plainConversation('c2', 2, 2));
    setLanguage('en');
    await store.getState().exportAll('html');
    setLanguage('ko');
    await store.getState().exportAll('markdown');

    expect(saved.map((s) => [s.fileName, s.mime])).toEqual([
      ['seoyeon-history-20261201-0930.html', 'text/html;charset=utf-8'],
      ['seoyeon-history-20261201-0930.md', 'text/markdown;charset=utf-8'],
    ]);
    expect(saved[0]?.content).toContain('<html lang="en">');
    expect(saved[0]?.content).toContain('2 conversations');
    expect(saved[1]?.content.startsWith('# 서연 대화 내보내기')).toBe(true);
  });

  it('says there is nothing to export instead of saving an empty file', async () => {
    const { store, saved } = setup();
    await store.getState().exportAll('json');
    expect(saved).toEqual([]);
    expect(store.getState().result).toEqual({ kind: 'nothing-to-export' });
  });

  it('imports a file as new conversations and tells the app the list changed', async () => {
    const source = setup();
    await seed(source.conversations, richConversation('c1'));
    await source.store.getState().exportAll('json');

    const { store, conversations, changes } = setup();
    const progress: Progress[] = [];
    store.subscribe((s) => s.progress && progress.push(s.progress));
    await store.getState().importFile(file(source.saved[0]!.content, 'backup.json'));

    const result = store.getState().result;
    expect(result).toMatchObject({ kind: 'imported', fileName: 'backup.json', messages: 7 });
    const ids = result?.kind === 'imported' ? result.conversationIds : [];
    expect(ids).toHaveLength(1);
    expect(conversations.conversations.get(ids[0]!)?.title).toBe('판교 사무실 c1');
    expect(conversations.messagesOf(ids[0]!)).toHaveLength(7);
    expect(changes).toEqual([{ kind: 'imported', conversationIds: ids }]);
    expect(progress.at(-1)).toEqual({ step: 'import', done: 1, total: 1 });
    expect(store.getState().progress).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format": ', 'import-not-json'],
    ['another format', '{"format": "other", "version": 1}', 'import-wrong-format'],
    ['a newer version', '{"format": "seoyeon.export", "version": 9}', 'import-unsupported-version'],
    ['a damaged file', '{"format": "seoyeon.export", "version": 1, "exportedAt": "2026-01-01T00:00:00Z", "conversations": [{}]}', 'import-invalid'],
  ])('refuses %s with a reason and writes nothing', async (_name, content, reason) => {
    const { store, conversations, changes, errors } = setup();
    await store.getState().importFile(file(content));
    expect(store.getState().error).toMatchObject({ task: 'import', code: 'validation', reason });
    expect(store.getState().error?.detail).toBeTruthy();
    expect(conversations.count('saveConversation')).toBe(0);
    expect(changes).toEqual([]);
    expect(errors).toEqual(['validation']);
  });

  it('does not read a file over the size limit', async () => {
    const { store } = setup({ maxImportBytes: 10 });
    const big = file('x'.repeat(11));
    await store.getState().importFile(big);
    expect(store.getState().error).toMatchObject({ reason: 'import-too-large' });
    expect(big.reads).toBe(0);
  });

  it('deletes all history with progress, then reports what went', async () => {
    const { store, conversations, callLog, changes } = setup();
    for (let i = 0; i < 3; i++) await seed(conversations, plainConversation(`c${i}`, i, 2));
    await callLog.record({ id: 'r1', at: '2026-11-21T09:00:00.000Z', kind: 'chat', modelId: 'm', attempt: 1, status: 'complete', totalMs: 4 });
    const steps = new Set<string>();
    store.subscribe((s) => s.progress && steps.add(s.progress.step));

    await store.getState().deleteAll();

    expect(store.getState().result).toEqual({ kind: 'deleted', conversations: 3, documents: 0, callLogEntries: 1 });
    expect(conversations.conversations.size).toBe(0);
    expect(callLog.entries).toEqual([]);
    expect([...steps]).toEqual(['delete-conversations', 'delete-call-log']);
    expect(changes).toEqual([{ kind: 'deleted-all' }]);
  });

  it('runs one task at a time and can cancel it between writes', async () => {
    const { store, conversations, changes, saved } = setup();
    for (let i = 0; i < 4; i++) await seed(conversations, plainConversation(`c${i}`, i, 1));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const firstDelete = new Promise<void>((resolve) => (entered = resolve));
    const original = conversations.deleteConversation.bind(conversations);
    conversations.deleteConversation = async (id) => {
      entered();
      await gate;
      await original(id);
    };

    const running = store.getState().deleteAll();
    expect(store.getState().busy).toBe('delete');
    const listed = conversations.count('listConversations');
    await store.getState().exportConversation('c0', 'json');
    expect(conversations.count('listConversations')).toBe(listed);
    expect(conversations.count('getConversation')).toBe(0);
    expect(saved).toEqual([]);
    await firstDelete;
    store.getState().cancel();
    release();
    await running;

    expect(store.getState()).toMatchObject({ busy: undefined, error: { task: 'delete', code: 'aborted' } });
    expect(conversations.conversations.size).toBe(3);
    expect(changes).toEqual([{ kind: 'deleted-all' }]);
  });

  it('maps a failing repository to its error code and dismisses it', async () => {
    const { store, conversations, errors } = setup();
    conversations.listConversations = async () => {
      throw new AppError('session-expired');
    };
    await store.getState().exportAll('markdown');
    expect(store.getState().error).toEqual({ task: 'export', code: 'session-expired' });
    expect(errors).toEqual(['session-expired']);
    store.getState().dismiss();
    expect(store.getState().error).toBeUndefined();
  });
});
