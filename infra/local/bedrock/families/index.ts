// The family registry: one entry per request/stream schema in the catalogue.
import type { FamilyId } from '../catalog.ts';
import { claude } from './claude.ts';
import { llama2, llama3 } from './llama.ts';
import { mistralChat, mistralText } from './mistral.ts';
import { nova } from './nova.ts';
import { titan } from './titan.ts';
import type { Family } from './types.ts';

export const FAMILIES: Record<Exclude<FamilyId, 'titan-embed'>, Family> = {
  claude,
  llama3,
  llama2,
  titan,
  nova,
  'mistral-text': mistralText,
  'mistral-chat': mistralChat,
};
