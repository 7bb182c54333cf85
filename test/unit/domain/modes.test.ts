import { describe, expect, it } from 'vitest';
import { MODE_IDS, MODES, modeById, systemPromptFor } from '../../../src/domain/prompts/modes.ts';

const HANGUL = /[\uac00-\ud7a3]/;

describe('prompt modes', () => {
  it.each(MODE_IDS)('%s has Korean and English labels and system text', (id) => {
    const mode = MODES[id];
    expect(mode.id).toBe(id);
    expect(mode.label.ko).toMatch(HANGUL);
    expect(mode.system.ko).toMatch(HANGUL);
    expect(mode.system.ko).toContain('서연');
    expect(mode.label.en).toMatch(/^[\x20-\x7e↔]+$/);
    expect(mode.system.en.length).toBeGreaterThan(50);
  });

  it('chat introduces 서연, follows the user’s language, defaults to Korean and forbids emoji', () => {
    expect(MODES.chat.system.en).toMatch(/Seoyeon/);
    expect(MODES.chat.system.en).toMatch(/language the user writes in/);
    expect(MODES.chat.system.en).toMatch(/Korean/);
    expect(MODES.chat.system.en).toMatch(/emoji/);
    expect(MODES.chat.system.ko).toMatch(/이모지/);
  });

  it('picks the text by language and reads an unknown mode as chat', () => {
    expect(systemPromptFor('grammar', 'en')).toBe(MODES.grammar.system.en);
    expect(systemPromptFor('grammar', 'ko')).toBe(MODES.grammar.system.ko);
    expect(modeById('retired-mode')).toBe(MODES.chat);
  });
});
