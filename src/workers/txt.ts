import { detectLanguage } from '../domain/documents/language.ts';
import { AppError } from '../domain/errors.ts';
import type { ParsedDocument } from '../domain/types.ts';
import { decodeText, normalizeNewlines } from './decodeText.ts';

export function parseTxt(bytes: Uint8Array, fileName: string): ParsedDocument {
  const { text: decoded, encoding } = decodeText(bytes, fileName);
  const text = normalizeNewlines(decoded);
  if (text.trim() === '') throw new AppError('file-empty', { message: `${fileName} holds only whitespace` });
  return { type: 'txt', text, language: detectLanguage(text), encoding };
}
