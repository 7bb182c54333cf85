import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.ts';
import { BedrockModelCatalog } from '../../../src/aws/bedrockModelCatalog.ts';
import { pickerModels, supportsModel } from '../../../src/domain/models/catalog.ts';
import { addFault, clearFaults } from '../support/stack.ts';
import { adminClients } from './support.ts';

let clients: AwsClients;
beforeAll(async () => {
  clients = await adminClients('us-east-1:00000000-0000-4000-8000-0000000ca7a1');
});
afterEach(clearFaults);
afterAll(() => clients.destroy());

it('lists the text models with plain-string fields, including INFERENCE_PROFILE', async () => {
  const models = await new BedrockModelCatalog(clients).listModels();
  expect(models.length).toBeGreaterThan(10);
  expect(models.every((m) => m.outputModalities?.includes('TEXT'))).toBe(true);
  expect(models.find((m) => m.modelId === 'amazon.titan-embed-text-v2:0')).toBeUndefined();
  expect(models.find((m) => m.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0')).toMatchObject({
    providerName: 'Anthropic',
    responseStreamingSupported: true,
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    modelLifecycle: { status: 'ACTIVE' },
  });
  // What the picker makes of it: profile-only models are offered under the geography's profile id.
  const options = pickerModels(models.filter(supportsModel), 'us').flatMap((group) => group.models);
  expect(options.find((o) => o.modelId === 'anthropic.claude-3-5-haiku-20241022-v1:0')?.id).toBe('us.anthropic.claude-3-5-haiku-20241022-v1:0');
});

it('turns a throttle into AppError throttled', async () => {
  await addFault({ kind: 'throttle', service: 'bedrock', operation: 'ListFoundationModels' });
  await expect(new BedrockModelCatalog(clients).listModels()).rejects.toMatchObject({ name: 'AppError', code: 'throttled' });
});
