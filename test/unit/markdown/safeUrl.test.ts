import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../../src/features/markdown/safeUrl.ts';

describe('safeUrl', () => {
  it.each(['https://example.com/a?b=1', 'http://example.com', 'HTTPS://EXAMPLE.COM', 'mailto:someone@example.com'])(
    'keeps %s live',
    (url) => expect(safeUrl(url)).toBe(url),
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
    '#anchor',
    '//example.com/protocol-relative',
    'http:/missing-slash',
  ])('drops %s', (url) => expect(safeUrl(url)).toBeUndefined());
});
