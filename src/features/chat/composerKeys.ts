// What a key press in the composer does. Enter sends and Shift+Enter breaks the line, but an
// Enter that belongs to an IME (a Korean syllable or a Japanese/Chinese conversion being built)
// never sends: it commits the composition, and sending then would drop or double the last
// syllable. The browser's own `isComposing` is the main signal; keyCode 229 (the key the IME
// consumed) is only an extra guard, and our compositionstart/end flag covers the order in which
// some Chromium builds fire keydown before compositionend.

export type ComposerKeyAction = 'none' | 'send' | 'stop' | 'send-after-composition';

interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  nativeEvent: { isComposing?: boolean; keyCode?: number };
}

export function composerKeyAction(event: KeyLike, composing: boolean, busy: boolean): ComposerKeyAction {
  if (event.key === 'Escape') return busy && !event.nativeEvent.isComposing ? 'stop' : 'none';
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return 'none';
  if (event.nativeEvent.isComposing || event.nativeEvent.keyCode === 229) return 'none';
  // Our flag says composing but the event does not: compositionend is about to follow.
  if (composing) return 'send-after-composition';
  return 'send';
}
