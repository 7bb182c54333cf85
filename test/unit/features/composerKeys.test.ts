import { describe, expect, it } from 'vitest';
import { composerKeyAction, type ComposerKeyAction } from '../../../src/features/chat/composerKeys.ts';

type Case = [name: string, event: { key: string; shiftKey?: boolean; ctrlKey?: boolean; isComposing?: boolean; keyCode?: number }, composing: boolean, busy: boolean, expected: ComposerKeyAction];

const cases: Case[] = [
  ['Enter sends', { key: 'Enter', keyCode: 13 }, false, false, 'send'],
  ['Enter while an answer streams still goes to send (which keeps the draft)', { key: 'Enter', keyCode: 13 }, false, true, 'send'],
  ['Shift+Enter breaks the line', { key: 'Enter', shiftKey: true, keyCode: 13 }, false, false, 'none'],
  ['Ctrl+Enter is left to the browser', { key: 'Enter', ctrlKey: true, keyCode: 13 }, false, false, 'none'],
  ['Enter flagged isComposing never sends', { key: 'Enter', isComposing: true, keyCode: 13 }, true, false, 'none'],
  ['Enter the IME consumed (keyCode 229) never sends', { key: 'Enter', keyCode: 229 }, false, false, 'none'],
  ['Enter before compositionend, unflagged, sends after the commit', { key: 'Enter', keyCode: 13 }, true, false, 'send-after-composition'],
  ['Escape stops a streaming answer', { key: 'Escape', keyCode: 27 }, false, true, 'stop'],
  ['Escape cancelling a composition stops nothing', { key: 'Escape', isComposing: true, keyCode: 229 }, true, true, 'none'],
  ['Escape with nothing streaming does nothing', { key: 'Escape', keyCode: 27 }, false, false, 'none'],
  ['other keys type', { key: 'a', keyCode: 65 }, false, false, 'none'],
];

describe('what a key does in the composer', () => {
  it.each(cases)('%s', (_name, { isComposing, keyCode, ...event }, composing, busy, expected) => {
    const action = composerKeyAction({ shiftKey: false, ...event, nativeEvent: { isComposing: isComposing ?? false, keyCode: keyCode ?? 0 } }, composing, busy);
    expect(action).toBe(expected);
  });
});
