import { describe, expect, it } from 'vitest';
import { detectLanguage, translate } from '../../../src/i18n/i18n.ts';
import { en } from '../../../src/i18n/en.ts';
import { ko } from '../../../src/i18n/ko.ts';

describe('the UI language', () => {
  it('follows a remembered choice first, then the browser, then Korean', () => {
    expect(detectLanguage('en', ['ko-KR'])).toBe('en');
    expect(detectLanguage(null, ['en-US', 'ko'])).toBe('en');
    expect(detectLanguage(null, ['fr-FR', 'ko-KR'])).toBe('ko');
    expect(detectLanguage('xx', ['fr-FR'])).toBe('ko');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('en', 'auth.demoHint', { username: 'demo', password: 'pw' })).toBe('Local demo account: demo / pw');
    expect(translate('ko', 'auth.codeSent', {})).toContain('{destination}');
  });

  it('has a Korean text for every English key, and no empty text', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ko)]) expect(text.trim(), key).not.toBe('');
  });
});
