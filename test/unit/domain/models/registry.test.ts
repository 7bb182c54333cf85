import { describe, expect, it } from 'vitest';
import { baseModelId, familyFor, familyIdOf, modelLimits } from '../../../../src/domain/models/registry.ts';
import type { FamilyId } from '../../../../src/domain/models/family.ts';

const known: Array<[string, FamilyId]> = [
  ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
  ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic'],
  ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic'],
  ['apac.amazon.nova-pro-v1:0', 'nova'],
  ['us.amazon.nova-lite-v1:0', 'nova'],
  ['jp.amazon.nova-2-lite-v1:0', 'nova'],
  ['amazon.nova-micro-v1:0', 'nova'],
  ['meta.llama3-8b-instruct-v1:0', 'llama3'],
  ['us.meta.llama3-2-3b-instruct-v1:0', 'llama3'],
  ['meta.llama2-13b-chat-v1', 'llama2'],
  ['amazon.titan-text-express-v1', 'titan'],
  ['amazon.titan-text-premier-v1:0', 'titan'],
  ['mistral.mistral-7b-instruct-v0:2', 'mistral'],
  ['mistral.mixtral-8x7b-instruct-v0:1', 'mistral'],
  ['mistral.mistral-large-2402-v1:0', 'mistral'],
  ['mistral.mistral-small-2402-v1:0', 'mistral'],
  ['mistral.mistral-large-2407-v1:0', 'mistral-chat'],
  ['us.mistral.pixtral-large-2502-v1:0', 'mistral-chat'],
  ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic'],
  ['arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-70b-instruct-v1:0', 'llama3'],
  ['au.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic'],
];

const unknown = [
  'amazon.titan-embed-text-v2:0',
  'amazon.titan-image-generator-v2:0',
  'amazon.nova-canvas-v1:0',
  'amazon.nova-sonic-v1:0',
  'cohere.command-r-v1:0',
  'stability.sd3-5-large-v1:0',
  'meta.llama2-13b-v1',
  'meta.llama4-scout-17b-instruct-v1:0',
  'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3',
  '',
];

describe('model registry', () => {
  it.each(known)('%s → %s', (id, family) => {
    expect(familyIdOf(id)).toBe(family);
    expect(familyFor(id).id).toBe(family);
  });

  it.each(unknown)('rejects %j with unknown-model-family', (id) => {
    expect(familyIdOf(id)).toBeUndefined();
    expect(() => familyFor(id)).toThrowError(expect.objectContaining({ code: 'unknown-model-family', retryable: false }));
  });

  it.each([
    ['us.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['arn:aws:bedrock:ap-northeast-2:1:inference-profile/apac.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0'],
    ['arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', 'amazon.titan-text-express-v1'],
    ['amazon.titan-text-express-v1', 'amazon.titan-text-express-v1'],
  ])('baseModelId(%s) = %s', (id, base) => {
    expect(baseModelId(id)).toBe(base);
  });

  it.each([
    ['meta.llama3-8b-instruct-v1:0', 8192],
    ['us.meta.llama3-2-3b-instruct-v1:0', 128_000],
    ['amazon.titan-text-express-v1', 8192],
    ['amazon.titan-text-premier-v1:0', 32_000],
    ['apac.amazon.nova-pro-v1:0', 300_000],
    ['amazon.nova-micro-v1:0', 128_000],
  ])('modelLimits(%s).contextWindow = %d', (id, contextWindow) => {
    expect(modelLimits(id).contextWindow).toBe(contextWindow);
  });

  it('keeps family defaults where the model has no override', () => {
    expect(modelLimits('us.anthropic.claude-sonnet-4-20250514-v1:0')).toEqual({
      contextWindow: 200_000,
      defaultMaxTokens: 2048,
      maxOutputTokens: 8192,
    });
  });
});
