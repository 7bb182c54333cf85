// Splits a growing markdown answer into top-level blocks so a renderer can treat every block but
// the last as final. Only the text after the last frozen block is lexed again, so the work per
// update depends on the size of the open block, not on the length of the answer.
import { Lexer, type Token } from 'marked';

export interface BlockView {
  /** Blocks that can no longer change. The array is the same object until another block freezes. */
  readonly frozen: readonly string[];
  /** The last block, which the next chunk may still change ('' when there is none). */
  readonly tail: string;
  /** marked's block token for the tail, so a renderer can take a cheaper path (e.g. for code). */
  readonly tailToken: Token | undefined;
}

const EMPTY: BlockView = { frozen: [], tail: '', tailToken: undefined };

export class BlockSplitter {
  private frozen: readonly string[] = [];
  /** Characters of the original text covered by the frozen blocks. */
  private consumed = 0;
  /** The original (not CR-normalized) text of the last frozen block, to recognise a continuation. */
  private lastFrozenOriginal = '';
  private lastText = '';
  private lastView: BlockView = EMPTY;

  /**
   * Returns the blocks of `text`. Text is expected to grow by appending; any other change (a new
   * answer, a regenerated one) is detected against the last frozen block and starts over.
   */
  update(text: string): BlockView {
    if (text === this.lastText) return this.lastView;
    if (!this.continues(text)) this.reset();

    const rest = text.slice(this.consumed);
    const normalized = rest.includes('\r') ? rest.replace(/\r\n?/g, '\n') : rest;
    const blocks = lexBlocks(normalized);

    let tail = normalized;
    let tailToken: Token | undefined;
    if (blocks !== undefined && blocks.length > 0) {
      const last = blocks[blocks.length - 1]!;
      tail = normalized.slice(last.start);
      tailToken = last.token;
      if (blocks.length > 1) {
        // Everything before the last block was ended by the block after it, so it is final.
        const added: string[] = [];
        for (let i = 0; i < blocks.length - 1; i++) {
          const from = i === 0 ? 0 : blocks[i]!.start;
          added.push(normalized.slice(from, blocks[i + 1]!.start));
        }
        this.frozen = [...this.frozen, ...added];
        const lastFrozenStart = blocks.length > 2 ? blocks[blocks.length - 2]!.start : 0;
        this.lastFrozenOriginal = rest.slice(originalOffset(rest, lastFrozenStart), originalOffset(rest, last.start));
        this.consumed += originalOffset(rest, last.start);
      }
    }

    this.lastText = text;
    this.lastView = { frozen: this.frozen, tail, tailToken };
    return this.lastView;
  }

  private continues(text: string): boolean {
    if (this.consumed === 0) return true;
    if (text.length < this.consumed) return false;
    // Comparing the last frozen block (not the whole prefix) keeps this check O(block size).
    return text.startsWith(this.lastFrozenOriginal, this.consumed - this.lastFrozenOriginal.length);
  }

  private reset(): void {
    this.frozen = [];
    this.consumed = 0;
    this.lastFrozenOriginal = '';
    this.lastText = '';
    this.lastView = EMPTY;
  }
}

interface LexedBlock {
  start: number;
  token: Token;
}

/** Non-space top-level tokens with their start offsets, or undefined if offsets do not add up. */
function lexBlocks(source: string): LexedBlock[] | undefined {
  if (source === '') return [];
  // blockTokens skips inline lexing, which the splitter never needs.
  const tokens = new Lexer().blockTokens(source, []);
  const blocks: LexedBlock[] = [];
  let offset = 0;
  for (const token of tokens) {
    if (token.type !== 'space') blocks.push({ start: offset, token });
    offset += token.raw.length;
  }
  // If marked ever rewrote the source, offsets would be wrong: freeze nothing rather than cut badly.
  return offset === source.length ? blocks : undefined;
}

/** Maps an offset in the CR-normalized text back to the original text. */
function originalOffset(original: string, normalizedOffset: number): number {
  if (!original.includes('\r')) return normalizedOffset;
  let seen = 0;
  let index = 0;
  while (seen < normalizedOffset && index < original.length) {
    if (original[index] === '\r' && original[index + 1] === '\n') index++;
    index++;
    seen++;
  }
  return index;
}
