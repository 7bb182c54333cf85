// Renders the streaming tail block straight from marked's tokens. The tail changes on every
// frame, and marked lexes a block about ten times faster than react-markdown's unified pipeline
// parses and transforms it, so this is where most of the per-frame time is saved. Once the block
// is final it is rendered by react-markdown like every other block; the elements produced here
// mirror that output, so nothing jumps when a block freezes. Raw HTML is shown as text.
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { Lexer, type Token, type Tokens } from 'marked';
import { CodeBlock } from './CodeBlock.tsx';
import { SafeImage, SafeLink, ScrollTable } from './elements.tsx';
import { safeUrl } from './safeUrl.ts';

export function TailTokens({ source }: { source: string }) {
  return <>{blocks(Lexer.lex(source))}</>;
}

function blocks(tokens: readonly Token[], loose = true): ReactNode[] {
  return tokens.map((token, index) => block(token, index, loose));
}

function block(token: Token, key: number, loose: boolean): ReactNode {
  switch (token.type) {
    case 'paragraph':
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case 'text': {
      // Block-level text appears inside tight list items, where react-markdown adds no <p>.
      const text = token as Tokens.Text;
      const content = text.tokens ? inline(text.tokens) : decode(text.text);
      return loose ? <p key={key}>{content}</p> : <Fragment key={key}>{content}</Fragment>;
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, heading.depth))}` as 'h1';
      return <Tag key={key}>{inline(heading.tokens)}</Tag>;
    }
    case 'code': {
      const code = token as Tokens.Code;
      return <CodeBlock key={key} code={code.text} language={code.lang?.split(/\s/)[0] || undefined} highlight={false} />;
    }
    case 'blockquote':
      return <blockquote key={key}>{blocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case 'list':
      return list(token as Tokens.List, key);
    case 'table':
      return table(token as Tokens.Table, key);
    case 'hr':
      return <hr key={key} />;
    case 'html':
      // react-markdown without rehype-raw turns a raw HTML block into bare text, and so does this.
      return <Fragment key={key}>{(token as Tokens.HTML).text}</Fragment>;
    default:
      // space, def (reference definitions render nothing) and anything unknown.
      return null;
  }
}

function list(token: Tokens.List, key: number): ReactNode {
  const hasTasks = token.items.some((item) => item.task);
  const items = token.items.map((item, index) => (
    <li key={index} className={item.task ? 'task-list-item' : undefined}>
      {item.tokens.map((child, childIndex) =>
        child.type === 'checkbox' ? (
          <Fragment key={childIndex}><input type="checkbox" disabled checked={(child as Tokens.Checkbox).checked} />{" "}</Fragment>
        ) : (
          block(child, childIndex, token.loose)
        ),
      )}
    </li>
  ));
  const className = hasTasks ? 'contains-task-list' : undefined;
  if (!token.ordered) return <ul key={key} className={className}>{items}</ul>;
  const start = Number(token.start);
  return (
    <ol key={key} className={className} start={Number.isFinite(start) && start !== 1 ? start : undefined}>
      {items}
    </ol>
  );
}

function table(token: Tokens.Table, key: number): ReactNode {
  const style = (align: Tokens.TableCell['align']): CSSProperties | undefined => (align ? { textAlign: align } : undefined);
  return (
    <ScrollTable key={key}>
      <thead>
        <tr>
          {token.header.map((cell, index) => (
            <th key={index} style={style(cell.align)}>{inline(cell.tokens)}</th>
          ))}
        </tr>
      </thead>
      {token.rows.length > 0 && (
        <tbody>
          {token.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} style={style(cell.align)}>{inline(cell.tokens)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      )}
    </ScrollTable>
  );
}

function inline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, key) => {
    switch (token.type) {
      case 'text': {
        const text = token as Tokens.Text;
        return text.tokens ? <Fragment key={key}>{inline(text.tokens)}</Fragment> : decode(text.text);
      }
      case 'escape':
        return (token as Tokens.Escape).text;
      case 'strong':
        return <strong key={key}>{inline((token as Tokens.Strong).tokens)}</strong>;
      case 'em':
        return <em key={key}>{inline((token as Tokens.Em).tokens)}</em>;
      case 'del':
        return <del key={key}>{inline((token as Tokens.Del).tokens)}</del>;
      case 'codespan':
        return <code key={key}>{decode((token as Tokens.Codespan).text)}</code>;
      case 'br':
        return <br key={key} />;
      case 'link': {
        const link = token as Tokens.Link;
        return <SafeLink key={key} href={safeUrl(link.href)}>{inline(link.tokens)}</SafeLink>;
      }
      case 'image': {
        const image = token as Tokens.Image;
        return <SafeImage key={key} src={safeUrl(image.href)} alt={image.text} />;
      }
      case 'html':
        return (token as Tokens.Tag).text;
      default:
        return 'raw' in token && typeof token.raw === 'string' ? token.raw : null;
    }
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The common character references; rarer ones show as written until the block is final. */
function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
