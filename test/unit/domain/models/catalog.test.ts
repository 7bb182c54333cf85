import { describe, expect, it } from 'vitest';
import { geoPrefixForRegion, invocationId, pickerModels, supportsModel } from '../../../../src/domain/models/catalog.ts';
import type { ModelSummary } from '../../../../src/domain/types.ts';

const summary = (modelId: string, overrides: Partial<ModelSummary> = {}): ModelSummary => ({
  modelId,
  modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`,
  modelName: modelId,
  providerName: modelId.split('.')[0],
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported: ['ON_DEMAND'],
  modelLifecycle: { status: 'ACTIVE' },
  ...overrides,
});

describe('supportsModel', () => {
  it.each([
    ['an on-demand Claude', summary('anthropic.claude-3-haiku-20240307-v1:0'), true],
    ['a profile-only Claude 4', summary('anthropic.claude-sonnet-4-20250514-v1:0', { inferenceTypesSupported: ['INFERENCE_PROFILE'] }), true],
    ['a model without a lifecycle (emulator)', summary('amazon.titan-text-express-v1', { modelLifecycle: undefined }), true],
    ['an embedding model', summary('amazon.titan-embed-text-v2:0', { outputModalities: ['EMBEDDING'] }), false],
    ['an image model', summary('stability.sd3-5-large-v1:0', { outputModalities: ['IMAGE'] }), false],
    ['a text model of an unknown family', summary('cohere.command-r-v1:0'), false],
    ['a model without streaming', summary('meta.llama3-8b-instruct-v1:0', { responseStreamingSupported: false }), false],
    ['a LEGACY model', summary('anthropic.claude-3-haiku-20240307-v1:0', { modelLifecycle: { status: 'LEGACY' } }), false],
    ['a provisioned-only variant', summary('anthropic.claude-3-haiku-20240307-v1:0:48k', { inferenceTypesSupported: ['PROVISIONED'] }), false],
  ])('%s → %s', (_label, model, expected) => {
    expect(supportsModel(model)).toBe(expected);
  });
});

describe('invocationId', () => {
  it.each([
    [['ON_DEMAND'], 'us', 'amazon.nova-pro-v1:0'],
    [['ON_DEMAND', 'INFERENCE_PROFILE'], 'apac', 'amazon.nova-pro-v1:0'],
    [['INFERENCE_PROFILE'], 'apac', 'apac.amazon.nova-pro-v1:0'],
    [['INFERENCE_PROFILE'], 'eu', 'eu.amazon.nova-pro-v1:0'],
    [['PROVISIONED'], 'us', undefined],
  ] as const)('%j in %s → %s', (types, geo, expected) => {
    expect(invocationId(summary('amazon.nova-pro-v1:0', { inferenceTypesSupported: [...types] }), geo)).toBe(expected);
  });

  it.each([
    ['us-west-2', 'us'],
    ['us-gov-west-1', 'us-gov'],
    ['eu-central-1', 'eu'],
    ['ap-northeast-2', 'apac'],
    ['sa-east-1', undefined],
  ])('geoPrefixForRegion(%s) = %s', (region, prefix) => {
    expect(geoPrefixForRegion(region)).toBe(prefix);
  });
});

describe('pickerModels', () => {
  it('groups supported models by provider, in name order, with the id to invoke', () => {
    const groups = pickerModels(
      [
        summary('meta.llama3-8b-instruct-v1:0', { modelName: 'Llama 3 8B Instruct', providerName: 'Meta' }),
        summary('anthropic.claude-sonnet-4-20250514-v1:0', {
          modelName: 'Claude Sonnet 4',
          providerName: 'Anthropic',
          inferenceTypesSupported: ['INFERENCE_PROFILE'],
        }),
        summary('anthropic.claude-3-haiku-20240307-v1:0', { modelName: 'Claude 3 Haiku', providerName: 'Anthropic' }),
        summary('amazon.titan-embed-text-v2:0', { providerName: 'Amazon', outputModalities: ['EMBEDDING'] }),
        summary('cohere.command-r-v1:0', { providerName: 'Cohere' }),
      ],
      'us',
    );
    expect(groups.map((g) => [g.provider, g.models.map((m) => m.id)])).toEqual([
      ['Anthropic', ['anthropic.claude-3-haiku-20240307-v1:0', 'us.anthropic.claude-sonnet-4-20250514-v1:0']],
      ['Meta', ['meta.llama3-8b-instruct-v1:0']],
    ]);
    expect(groups[0]?.models[1]).toMatchObject({ family: 'anthropic', name: 'Claude Sonnet 4', modelId: 'anthropic.claude-sonnet-4-20250514-v1:0' });
  });
});
