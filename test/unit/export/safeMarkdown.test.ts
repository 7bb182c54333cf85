import { describe, expect, it } from 'vitest';
import { escapeHtml, renderInline, renderMarkdown, safeHref } from '../../../src/domain/export/safeMarkdown.ts';

const a = (href: string, inner: string) => `<a href="${href}" rel="noopener noreferrer nofollow">${inner}</a>`;

describe('safe markdown for exported files', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['  http://example.com ', 'http://example.com'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['data:text/html,<b>', undefined],
    ['/relative', undefined],
    ['#anchor', undefined],
    ['https://exa mple.com', undefined],
  ])('safeHref(%j) = %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it.each([
    ['**굵게** 와 *기울임* 과 __bold__ 와 _it_ 와 ~~취소~~', '<strong>굵게</strong> 와 <em>기울임</em> 과 <strong>bold</strong> 와 <em>it</em> 와 <del>취소</del>'],
    ['snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['`<b>코드</b>` **not `**bold**`**', '<code>&lt;b&gt;코드&lt;/b&gt;</code> <strong>not <code>**bold**</code></strong>'],
    ['[문서](https://example.com/a?b=1&c="2")', a('https://example.com/a?b=1&amp;c=&quot;2&quot;', '문서')],
    ['https://example.com/?q="x"<b>', `${a('https://example.com/?q=', 'https://example.com/?q=')}&quot;x&quot;&lt;b&gt;`],
    ['[문서](https://example.com/a?b=1&c=2)', a('https://example.com/a?b=1&amp;c=2', '문서')],
    ['[**굵은 링크**](https://x.example)', a('https://x.example', '<strong>굵은 링크</strong>')],
    ['[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['see https://example.com/x. and (https://example.com/y)', `see ${a('https://example.com/x', 'https://example.com/x')}. and (${a('https://example.com/y', 'https://example.com/y')})`],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', a('https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)')],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['"><script>alert(1)</script>', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['forged \uE0000\uE000 slot', 'forged 0 slot'],
  ])('inline %j', (text, html) => {
    expect(renderInline(text)).toBe(html);
  });

  it.each([
    ['첫 줄\n둘째 줄\n\n새 문단', '<p>첫 줄<br>\n둘째 줄</p>\n<p>새 문단</p>'],
    ['# 제목\n## 소제목', '<h3>제목</h3>\n<h4>소제목</h4>'],
    ['- 하나\n- 둘\n  - 둘의 하나\n- 셋', '<ul><li>하나</li><li>둘<ul><li>둘의 하나</li></ul></li><li>셋</li></ul>'],
    ['3. 셋\n4. 넷', '<ol start="3"><li>셋</li><li>넷</li></ol>'],
    ['- a\n  이어짐', '<ul><li>a<br>\n이어짐</li></ul>'],
    ['```python\nprint("<안녕>")\n\n# 주석\n```', '<pre data-language="python"><code>print(&quot;&lt;안녕&gt;&quot;)\n\n# 주석</code></pre>'],
    ['```\n열린 채로 끝남 **굵게 아님**', '<pre><code>열린 채로 끝남 **굵게 아님**</code></pre>'],
    ['```"><script>\nx\n```', '<pre data-language="script"><code>x</code></pre>'],
    ['> 인용\n> 계속', '<blockquote><p>인용<br>\n계속</p></blockquote>'],
    ['위\n\n---\n\n아래', '<p>위</p>\n<hr>\n<p>아래</p>'],
    ['| 이름 | 값 |\n|---|:-:|\n| a | **1** |\n| b \\| c | 2 |', '<table><thead><tr><th>이름</th><th>값</th></tr></thead><tbody><tr><td>a</td><td><strong>1</strong></td></tr><tr><td>b | c</td><td>2</td></tr></tbody></table>'],
    ['<div onclick="x">hi</div>', '<p>&lt;div onclick=&quot;x&quot;&gt;hi&lt;/div&gt;</p>'],
    ['a\r\nb', '<p>a<br>\nb</p>'],
  ])('block %j', (text, html) => {
    expect(renderMarkdown(text)).toBe(html);
  });

  it('never lets a raw angle bracket from the text through', () => {
    const hostile = ['<', '>', '<<script>>', '`<x>`', '[<x>](https://a.example/<x>)', '| <a> |\n|---|\n| <b> |', '```<x>\n<y>\n```', '> <q>', '- <li>', '# <h>'];
    for (const text of hostile) {
      const html = renderMarkdown(text);
      const ours = html.replace(/<\/?(?:p|br|h[3-6]|ul|ol|li|pre|code|blockquote|hr|table|thead|tbody|tr|th|td|strong|em|del)(?: [a-z-]+="[^"<>]*")*>|<a href="[^"<>]*" rel="noopener noreferrer nofollow">|<\/a>/g, '');
      expect(ours).not.toMatch(/[<>]/);
    }
  });
});
