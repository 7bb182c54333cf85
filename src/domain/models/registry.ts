// Model id → family, as data. Inference profile prefixes and ARNs are peeled off first; an id that
// matches no rule is an error (never a guess), so an unsupported model fails loudly at the picker.
import { AppError } from '../errors.ts';
import type { FamilyId, ModelFamily, ModelLimits } from './family.ts';
import { anthropic } from './families/anthropic.ts';
import { llama2 } from './families/llama2.ts';
import { llama3 } from './families/llama3.ts';
import { mistral } from './families/mistral.ts';
import { mistralChat } from './families/mistralChat.ts';
import { nova } from './families/nova.ts';
import { titan } from './families/titan.ts';

export const FAMILIES: Readonly<Record<FamilyId, ModelFamily>> = {
  anthropic,
  llama3,
  llama2,
  titan,
  nova,
  mistral,
  'mistral-chat': mistralChat,
};

/** Geographic prefixes of system-defined cross-region inference profiles. */
export const PROFILE_PREFIXES = ['us-gov', 'us', 'eu', 'apac', 'global', 'jp', 'au', 'ca'] as const;
export type GeoPrefix = (typeof PROFILE_PREFIXES)[number];

/** First match wins, so the specific Mistral Large 2402 rule sits before the general one. */
const RULES: ReadonlyArray<{ pattern: RegExp; family: FamilyId }> = [
  { pattern: /^anthropic\.claude-/, family: 'anthropic' },
  { pattern: /^meta\.llama3-/, family: 'llama3' },
  { pattern: /^meta\.llama2-\d+b-chat-/, family: 'llama2' },
  { pattern: /^amazon\.titan-(text-|tg1-)/, family: 'titan' },
  { pattern: /^amazon\.nova-(2-)?(micro|lite|pro|premier)-/, family: 'nova' },
  { pattern: /^mistral\.(mistral-7b-instruct|mixtral-8x7b-instruct|mistral-large-2402|mistral-small-2402)-/, family: 'mistral' },
  { pattern: /^mistral\.(mistral-large-\d{4}|pixtral-large-\d{4})-/, family: 'mistral-chat' },
];

/**
 * The foundation model id behind an invocation id: `us.anthropic.…` → `anthropic.…`;
 * `arn:aws:bedrock:…:inference-profile/apac.amazon.nova-pro-v1:0` → `amazon.nova-pro-v1:0`;
 * `arn:aws:bedrock:…::foundation-model/meta.llama3-8b-instruct-v1:0` → `meta.llama3-8b-instruct-v1:0`.
 */
export function baseModelId(id: string): string {
  let rest = id.trim();
  if (rest.startsWith('arn:')) rest = rest.slice(rest.lastIndexOf('/') + 1);
  const dot = rest.indexOf('.');
  if (dot > 0 && (PROFILE_PREFIXES as readonly string[]).includes(rest.slice(0, dot))) rest = rest.slice(dot + 1);
  return rest;
}

export function familyIdOf(modelId: string): FamilyId | undefined {
  const base = baseModelId(modelId);
  return RULES.find((rule) => rule.pattern.test(base))?.family;
}

export function isSupportedModelId(modelId: string): boolean {
  return familyIdOf(modelId) !== undefined;
}

/** Throws AppError `unknown-model-family` for embeddings, image models, other providers, opaque ARNs. */
export function familyFor(modelId: string): ModelFamily {
  const id = familyIdOf(modelId);
  if (!id) {
    throw new AppError('unknown-model-family', { message: `no chat format is known for model "${modelId}"` });
  }
  return FAMILIES[id];
}

/** The family's limits with the model's own overrides applied. */
export function modelLimits(modelId: string): ModelLimits {
  const family = familyFor(modelId);
  const base = baseModelId(modelId);
  const override = family.limitsByModel?.find((entry) => base.startsWith(entry.prefix));
  return { ...family.limits, ...override?.limits };
}
