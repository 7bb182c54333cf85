// What of a conversation the model gets to see ("memory"), and the typed commands that act on it.
import type { ModelLimits } from './models/family.ts';
import type { Message, PromptMessage } from './types.ts';

export const DEFAULT_MEMORY_TURNS = 10;

/** Per message, for role headers and separators that every format adds. */
const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A deliberately high token estimate, since we have no tokenizer per model: every Hangul syllable
 * (and CJK character) counts as one token, Latin script and ASCII as one per four characters, any
 * other character (emoji, symbols) as one.
 */
export function estimateTokens(text: string): number {
  let perCharacter = 0;
  let latin = 0;
  for (const char of text) {
    // Below U+0250: ASCII, Latin-1 and Latin Extended-A/B. Everything else (Hangul, CJK, emoji) is one each.
    if ((char.codePointAt(0) ?? 0) < 0x250) latin++;
    else perCharacter++;
  }
  return perCharacter + Math.ceil(latin / 4);
}

const messageTokens = (text: string) => estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;

/**
 * Tokens left for history and the question: the context window minus the answer we ask for, the
 * system prompt, and a tenth kept in reserve for the estimate being low.
 */
export function historyBudget(limits: ModelLimits, maxTokens: number, system: string): number {
  const reserve = Math.ceil(limits.contextWindow / 10);
  return Math.max(0, limits.contextWindow - maxTokens - estimateTokens(system) - reserve);
}

export interface MemoryOptions {
  maxTurns?: number;
  tokenBudget: number;
}

export interface MemoryWindow {
  /** Whole user/assistant pairs, oldest first, then the current question. */
  messages: PromptMessage[];
  turnsKept: number;
  turnsDropped: number;
  estimatedTokens: number;
  /** The question alone is over budget; it is sent anyway and the model may refuse it. */
  overBudget: boolean;
}

interface Turn {
  user: string;
  assistant: string;
  tokens: number;
}

/** Messages after the last memory-cleared marker, as answered pairs. */
function turnsSinceClear(history: readonly Message[]): Turn[] {
  let start = 0;
  history.forEach((message, index) => {
    if (message.role === 'marker' && message.marker === 'memory-cleared') start = index + 1;
  });
  const turns: Turn[] = [];
  let question: string | undefined;
  for (const message of history.slice(start)) {
    // Failed answers and markers never reach the model; a stopped answer's text does.
    if (message.status === 'error' || message.role === 'marker') continue;
    if (message.role === 'user') {
      // A question whose answer failed is dropped with it, so pairs are never split.
      question = message.text;
    } else if (question !== undefined && message.text.trim() !== '') {
      turns.push({ user: question, assistant: message.text, tokens: messageTokens(question) + messageTokens(message.text) });
      question = undefined;
    } else if (message.document && message.text.trim() !== '') {
      // A document summary posted into the conversation answers no question; the model still
      // sees it, as the answer to a request for that summary.
      const request = `[summary of ${message.document.fileName}]`;
      turns.push({ user: request, assistant: message.text, tokens: messageTokens(request) + messageTokens(message.text) });
    }
  }
  return turns;
}

/**
 * The memory to send: the current question plus the most recent answered turns (at most
 * `maxTurns`) that fit `tokenBudget`. The oldest turns go first; once one does not fit, no older
 * turn is taken either, so the model never sees a gap.
 */
export function memoryWindow(history: readonly Message[], question: string, options: MemoryOptions): MemoryWindow {
  const maxTurns = options.maxTurns ?? DEFAULT_MEMORY_TURNS;
  const turns = turnsSinceClear(history);
  const questionTokens = messageTokens(question);
  let used = questionTokens;
  const kept: Turn[] = [];
  for (let i = turns.length - 1; i >= 0 && kept.length < maxTurns; i--) {
    const turn = turns[i];
    if (!turn || used + turn.tokens > options.tokenBudget) break;
    kept.unshift(turn);
    used += turn.tokens;
  }
  const messages: PromptMessage[] = kept.flatMap((turn) => [
    { role: 'user' as const, text: turn.user },
    { role: 'assistant' as const, text: turn.assistant },
  ]);
  messages.push({ role: 'user', text: question });
  return {
    messages,
    turnsKept: kept.length,
    turnsDropped: turns.length - kept.length,
    estimatedTokens: used,
    overBudget: questionTokens > options.tokenBudget,
  };
}

// ---- typed commands ----------------------------------------------------------------------------

export type Command = 'list-models' | 'clear-memory';

const COMMANDS: Readonly<Record<string, Command>> = {
  listmodels: 'list-models',
  모델목록: 'list-models',
  clearmemory: 'clear-memory',
  메모리지우기: 'clear-memory',
};

/**
 * Recognizes a whole message that is one of the commands, ignoring case, spaces, a leading slash
 * and trailing punctuation: "List  Models", "/clear memory", "모델 목록", "메모리 지우기.".
 */
export function parseCommand(text: string): Command | undefined {
  const key = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\//, '')
    .replace(/[.!?。]+$/, '');
  return COMMANDS[key];
}
