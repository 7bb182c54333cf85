import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../src/stores/chatDrafts.ts';
import { createThemeStore, nextThemeChoice, resolveTheme } from '../../../src/stores/settingsStore.ts';

describe('the theme choice', () => {
  it('follows the system until light or dark is chosen, and is remembered', () => {
    const storage = memoryStorage();
    const first = createThemeStore(storage);
    expect(first.getState().choice).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    first.getState().setChoice('dark');
    expect(resolveTheme(first.getState().choice, false)).toBe('dark');
    expect(createThemeStore(storage).getState().choice).toBe('dark');
    first.getState().setChoice('system');
    expect(storage.getItem('seoyeon.theme')).toBeNull();
  });

  it('ignores a stored value it does not know', () => {
    const storage = memoryStorage();
    storage.setItem('seoyeon.theme', 'sepia');
    expect(createThemeStore(storage).getState().choice).toBe('system');
  });

  it('cycles system → light → dark → system from the top bar', () => {
    expect([nextThemeChoice('system'), nextThemeChoice('light'), nextThemeChoice('dark')]).toEqual(['light', 'dark', 'system']);
  });
});
