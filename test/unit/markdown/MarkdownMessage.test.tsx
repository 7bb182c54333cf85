// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MarkdownMessage } from '../../../src/features/markdown/MarkdownMessage.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const labels = { copy: 'Copy code', copied: 'Copied', copyFailed: 'Could not copy' };

function show(text: string, streaming = false) {
  return render(<MarkdownMessage text={text} streaming={streaming} labels={labels} />).container;
}

describe('MarkdownMessage', () => {
  it('renders GitHub-flavoured markdown: headings, lists, task lists, tables, strikethrough', () => {
    const container = show(
      '## 제목\n\n- 하나\n- two\n\n- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text',
    );
    expect(container.querySelector('h2')?.textContent).toBe('제목');
    expect(container.querySelectorAll('ul li')).toHaveLength(4);
    const boxes = container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    expect([...boxes].map((box) => box.checked)).toEqual([true, false]);
    expect(container.querySelectorAll('table td')).toHaveLength(2);
    expect(container.querySelector('del')?.textContent).toBe('old');
  });

  it('keeps http(s) and mailto links live and opens them safely', () => {
    const container = show('[site](https://example.com/x) and [mail](mailto:a@example.com)');
    const links = container.querySelectorAll('a');
    expect([...links].map((link) => link.getAttribute('href'))).toEqual(['https://example.com/x', 'mailto:a@example.com']);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')?.split(' ').sort()).toEqual(['nofollow', 'noopener', 'noreferrer']);
    }
  });

  it('shows javascript:, data: and relative links as text without an href', () => {
    const container = show(
      '[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [rel](/settings) <javascript:alert(2)>',
    );
    expect(container.querySelectorAll('a[href]')).toHaveLength(0);
    expect(container.textContent).toContain('js');
    expect(container.textContent).toContain('data');
    expect(container.textContent).toContain('rel');
  });

  it('renders raw HTML as text, never as elements', () => {
    const container = show('<script>alert(1)</script>\n\nhi <img src=x onerror="alert(2)"> <b onclick="x()">b</b>');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[onerror], [onclick]')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('is just as strict about the streaming tail, which has its own renderer', () => {
    const container = show('Tail [js](javascript:alert(1)) [ok](https://example.com) <img src=x onerror="alert(2)"> ![i](https://e.com/i.png)', true);
    expect(container.querySelector('img, script')).toBeNull();
    expect([...container.querySelectorAll('a[href]')].map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com',
      'https://e.com/i.png',
    ]);
    expect(container.textContent).toContain('<img src=x onerror="alert(2)">');
  });

  it('never loads images: an image becomes a link to open', () => {
    const container = show('![차트](https://example.com/chart.png) ![bad](javascript:alert(1))');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/chart.png');
    expect(container.querySelector('a')?.textContent).toBe('차트');
    expect(container.querySelectorAll('a[href]')).toHaveLength(1);
  });

  it('gives a code block a language label and a copy button that copies the code', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const container = show('```python\nprint("안녕")\n```\n');
    expect(container.querySelector('.md-code-language')?.textContent).toBe('python');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('print("안녕")');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied'));
  });

  it('says so when copying fails', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    show('```\nx\n```\n');
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Could not copy'));
  });

  it('highlights finished code once the highlighter has loaded, but not while it streams', async () => {
    const text = 'Intro\n\n```ts\nconst answer: number = 42;\n';
    const { container, rerender } = render(<MarkdownMessage text={text} streaming labels={labels} />);
    expect(container.querySelector('code.language-ts')?.textContent).toBe('const answer: number = 42;');
    expect(container.querySelector('.hljs-keyword')).toBeNull();
    rerender(<MarkdownMessage text={`${text}\`\`\`\n`} streaming={false} labels={labels} />);
    await waitFor(() => expect(container.querySelector('.hljs-keyword')?.textContent).toBe('const'));
    expect(container.querySelector('code.language-ts')?.textContent).toBe('const answer: number = 42;');
  });

  it('closes an unfinished bold marker in the streaming tail only', () => {
    const { container, rerender } = render(<MarkdownMessage text="Say **hel" streaming labels={labels} />);
    expect(container.querySelector('strong')?.textContent).toBe('hel');
    rerender(<MarkdownMessage text="Say **hel" streaming={false} labels={labels} />);
    expect(container.querySelector('strong')).toBeNull();
    expect(container.textContent).toBe('Say **hel');
  });

  it('uses default labels in the app language when none are passed', () => {
    render(<MarkdownMessage text={'```\nx\n```\n'} streaming={false} />);
    const button = screen.getByRole('button');
    expect(['코드 복사', 'Copy code']).toContain(button.getAttribute('aria-label'));
  });
});

describe('LazyMarkdownMessage', () => {
  it('shows the plain text at once and the rendered markdown once the chunk has loaded', async () => {
    const { LazyMarkdownMessage } = await import('../../../src/features/markdown/LazyMarkdownMessage.tsx');
    const { container } = render(<LazyMarkdownMessage text={'**굵게** text'} streaming={false} labels={labels} />);
    expect(container.textContent).toContain('굵게');
    await waitFor(() => expect(container.querySelector('strong')?.textContent).toBe('굵게'));
  });
});
