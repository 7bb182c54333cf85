import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_MODEL_ID, filterModels, inferenceProfiles, MODELS, resolveModelId } from '../../../infra/local/bedrock/catalog.ts';

describe('model identifiers', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0', false],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0', true],
    ['eu.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0', true],
    ['global.anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0', true],
    ['arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-8b-instruct-v1:0', 'meta.llama3-8b-instruct-v1:0', false],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/apac.amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0', true],
  ])('resolves %s', (id, modelId, viaProfile) => {
    expect(resolveModelId(id)).toMatchObject({ ok: true, viaProfile, model: { modelId } });
  });

  it.each([
    ['amazon.nova-lite-v1:0', 400, 'ValidationException'],
    ['meta.llama3-3-70b-instruct-v1:0', 400, 'ValidationException'],
    ['anthropic.claude-unknown', 404, 'ResourceNotFoundException'],
    ['global.amazon.nova-lite-v1:0', 404, 'ResourceNotFoundException'],
    ['arn:aws:bedrock:us-west-2:123456789012:foundation-model/amazon.titan-text-lite-v1', 404, 'ResourceNotFoundException'],
    ['arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abc', 404, 'ResourceNotFoundException'],
  ])('refuses %s', (id, status, code) => {
    expect(resolveModelId(id)).toMatchObject({ ok: false, status, code });
  });

  it('defaults to a profile of a profile-only model that resolves', () => {
    expect(resolveModelId(DEFAULT_LOCAL_MODEL_ID)).toMatchObject({ ok: true, viaProfile: true });
  });
});

describe('catalogue', () => {
  it('marks every profile-only model INFERENCE_PROFILE and gives it profiles', () => {
    for (const model of MODELS.filter((m) => !m.inference.includes('ON_DEMAND'))) {
      expect(model.inference, model.modelId).toEqual(['INFERENCE_PROFILE']);
      expect(model.profiles.length, model.modelId).toBeGreaterThan(0);
    }
  });

  it('has one profile per model and geography, all resolvable', () => {
    const profiles = inferenceProfiles('us-west-2', '000000000000');
    expect(new Set(profiles.map((p) => p.inferenceProfileId)).size).toBe(profiles.length);
    for (const p of profiles) expect(resolveModelId(p.inferenceProfileArn).ok, p.inferenceProfileId).toBe(true);
  });

  it('filters like ListFoundationModels', () => {
    expect(filterModels({ byOutputModality: 'EMBEDDING' }).map((m) => m.modelId)).toEqual(['amazon.titan-embed-text-v2:0']);
    expect(filterModels({ byProvider: 'mistral ai' })).toHaveLength(5);
    expect(filterModels({ byCustomizationType: 'CONTINUED_PRE_TRAINING' }).every((m) => m.modelId.startsWith('amazon.titan-text'))).toBe(true);
  });
});
