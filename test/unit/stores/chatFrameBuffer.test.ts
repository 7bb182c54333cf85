import { describe, expect, it } from 'vitest';
import { createFrameBuffer } from '../../../src/stores/chatFrameBuffer.ts';
import { createDrafts, memoryStorage } from '../../../src/stores/chatDrafts.ts';
import { manualFrames } from './fakes.ts';

describe('frame buffer', () => {
  it('hands over every delta in order, once per frame', () => {
    const frames = manualFrames();
    const applied: string[] = [];
    const buffer = createFrameBuffer(frames.schedule, (text) => applied.push(text));
    buffer.push('안');
    buffer.push('녕');
    expect(frames.pending()).toBe(1);
    frames.run();
    buffer.push('하세요');
    frames.run();
    expect(applied).toEqual(['안녕', '하세요']);
  });

  it('flush hands over at once and cancel drops what is pending', () => {
    const frames = manualFrames();
    const applied: string[] = [];
    const buffer = createFrameBuffer(frames.schedule, (text) => applied.push(text));
    buffer.push('끝');
    buffer.flush();
    expect(applied).toEqual(['끝']);
    expect(frames.pending()).toBe(0);
    buffer.push('버림');
    buffer.cancel();
    frames.run();
    expect(applied).toEqual(['끝']);
  });
});

describe('drafts', () => {
  it('are kept per user and conversation, and an empty draft is removed', () => {
    const storage = memoryStorage();
    const mine = createDrafts(storage, 'me');
    const theirs = createDrafts(storage, 'them');
    mine.set('c1', '초안');
    expect(mine.get('c1')).toBe('초안');
    expect(theirs.get('c1')).toBe('');
    mine.move('c1', 'c2');
    expect([mine.get('c1'), mine.get('c2')]).toEqual(['', '초안']);
    mine.set('c2', '');
    expect(storage.getItem('seoyeon.draft.me.c2')).toBeNull();
  });
});
