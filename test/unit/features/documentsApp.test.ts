// @vitest-environment jsdom
// What src/app/documents.ts decides on its own: the Kendra ACL principal from the id token, and
// opening a presigned link in a tab made during the click.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cognitoUsername, openInNewTab } from '../../../src/app/documents.ts';

const token = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims), 'signature'].map((part, i) => (i === 2 ? part : Buffer.from(part).toString('base64url'))).join('.');

afterEach(() => vi.restoreAllMocks());

describe('the ACL principal', () => {
  it('is the token’s cognito:username, even when the user signed in with an email alias', () => {
    expect(cognitoUsername(token({ 'cognito:username': '김서연', email: 'seoyeon@example.com', sub: 'abc' }))).toBe('김서연');
  });

  it('is unknown for a token without the claim or not a token at all', () => {
    expect(cognitoUsername(token({ sub: 'abc' }))).toBeUndefined();
    expect(cognitoUsername('not-a-token')).toBeUndefined();
    expect(cognitoUsername('a.%%%.c')).toBeUndefined();
    expect(cognitoUsername(undefined)).toBeUndefined();
  });
});

describe('opening the original', () => {
  it('opens the tab at once and sends it to the link when it is ready, without an opener', async () => {
    const tab = { opener: window as unknown, location: { href: '' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    let resolve!: (url: string) => void;
    openInNewTab(new Promise<string>((r) => (resolve = r)));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();
    resolve('https://s3.example/doc.pdf?X-Amz-Signature=1');
    await Promise.resolve();
    await Promise.resolve();
    expect(tab.location.href).toBe('https://s3.example/doc.pdf?X-Amz-Signature=1');
  });

  it('closes the tab again when the link could not be made', async () => {
    const tab = { opener: null, location: { href: '' }, close: vi.fn() };
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    openInNewTab(Promise.reject(new Error('denied')));
    await new Promise((r) => setTimeout(r, 0));
    expect(tab.close).toHaveBeenCalled();
    expect(tab.location.href).toBe('');
  });
});
