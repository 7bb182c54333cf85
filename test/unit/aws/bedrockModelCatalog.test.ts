import { expect, it } from 'vitest';
import type { FoundationModelSummary } from '@aws-sdk/client-bedrock';
import { toModelSummary } from '../../../src/aws/bedrockModelCatalog.ts';

it('keeps the fields the domain reads, as plain strings, and skips entries without an id', () => {
  const sdk = {
    modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    modelId: 'amazon.nova-lite-v1:0',
    modelName: 'Nova Lite',
    providerName: 'Amazon',
    inputModalities: ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    modelLifecycle: { status: 'ACTIVE' },
  } as unknown as FoundationModelSummary;
  expect(toModelSummary(sdk)).toEqual({
    modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
    modelId: 'amazon.nova-lite-v1:0',
    modelName: 'Nova Lite',
    providerName: 'Amazon',
    inputModalities: ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    modelLifecycle: { status: 'ACTIVE' },
  });
  expect(toModelSummary({ modelName: 'no id' } as FoundationModelSummary)).toBeUndefined();
});
