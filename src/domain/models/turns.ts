// Turn a Prompt into strictly alternating user/assistant turns, which every family's format needs
// (Claude and Nova reject two user messages in a row; [INST] templates assume pairs).
import { AppError } from '../errors.ts';
import type { Prompt, PromptMessage } from '../types.ts';

/** Drops empty messages and a leading assistant message; merges same-role neighbours. */
export function alternatingTurns(prompt: Prompt): PromptMessage[] {
  const turns: PromptMessage[] = [];
  for (const message of prompt.messages) {
    if (message.text.trim() === '') continue;
    const last = turns[turns.length - 1];
    if (!last && message.role === 'assistant') continue;
    if (last && last.role === message.role) {
      last.text = `${last.text}\n\n${message.text}`;
    } else {
      turns.push({ role: message.role, text: message.text });
    }
  }
  if (turns.length === 0) throw new AppError('validation', { message: 'the prompt has no user message' });
  return turns;
}

/**
 * For formats without a system slot: the system text goes in front of the first user turn.
 */
export function foldSystemIntoFirstTurn(system: string, turns: PromptMessage[]): PromptMessage[] {
  const first = turns[0];
  if (!system.trim() || !first) return turns;
  return [{ role: first.role, text: `${system.trim()}\n\n${first.text}` }, ...turns.slice(1)];
}
