import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { memoryStorage } from '../../../src/stores/chatDrafts.ts';
import { createSettingsStore, inferenceParams, normalizeSettings } from '../../../src/stores/settingsStore.ts';
import { FakeCatalog, summary } from './fakes.ts';

const MODELS = [
  summary('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'Anthropic', ['INFERENCE_PROFILE']),
  summary('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'Anthropic'),
  summary('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct', 'Meta'),
  summary('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon'),
  summary('stability.sd3-large-v1:0', 'SD3 Large', 'Stability AI'),
];

const make = (options: { allowed?: string[]; error?: AppError; region?: string } = {}) =>
  createSettingsStore({
    catalog: new FakeCatalog(MODELS, options.error),
    storage: memoryStorage(),
    bedrockRegion: options.region ?? 'ap-northeast-2',
    defaultModelId: 'apac.anthropic.claude-3-5-haiku-20241022-v1:0',
    ...(options.allowed ? { allowedModelIds: options.allowed } : {}),
  });

describe('settings store: model picker', () => {
  it('lists supported streaming text models by provider, with the inference profile of the region where needed', async () => {
    const store = make();
    await store.getState().loadModels();
    expect(store.getState().models.map((g) => [g.provider, g.models.map((m) => m.id)])).toEqual([
      ['Anthropic', ['anthropic.claude-3-haiku-20240307-v1:0', 'apac.anthropic.claude-3-5-haiku-20241022-v1:0']],
      ['Meta', ['meta.llama3-8b-instruct-v1:0']],
    ]);
    expect(store.getState().defaultModelId).toBe('apac.anthropic.claude-3-5-haiku-20241022-v1:0');
  });

  it('keeps only the models the deployment allows', async () => {
    const store = make({ allowed: ['meta.llama3-8b-instruct-v1:0'] });
    await store.getState().loadModels();
    expect(store.getState().models.map((g) => g.provider)).toEqual(['Meta']);
  });

  it('reports a failed listing by its code', async () => {
    const store = make({ error: new AppError('access-denied') });
    await store.getState().loadModels();
    expect(store.getState()).toMatchObject({ modelsPhase: 'error', modelsError: 'access-denied', models: [] });
  });
});

describe('settings store: sampling settings', () => {
  it('keeps values in range and remembers them', () => {
    const storage = memoryStorage();
    const deps = { catalog: new FakeCatalog([]), storage, bedrockRegion: 'us-west-2', defaultModelId: 'x' };
    const store = createSettingsStore(deps);
    store.getState().update({ temperature: 3, topP: 0.8, maxTokens: 512, memoryTurns: 4, showSources: false });
    expect(store.getState().settings).toEqual({ temperature: 1, topP: 0.8, maxTokens: 512, memoryTurns: 4, showSources: false });
    expect(createSettingsStore(deps).getState().settings).toEqual({ temperature: 1, topP: 0.8, maxTokens: 512, memoryTurns: 4, showSources: false });
    store.getState().update({ topP: undefined });
    expect(store.getState().settings.topP).toBeUndefined();
  });

  it('shows the sources of answers from documents unless the reader hid them', () => {
    expect(normalizeSettings({}).showSources).toBe(true);
    expect(normalizeSettings({ showSources: false }).showSources).toBe(false);
  });

  it('asks for the model default length when none is set, and never more than the model can return', () => {
    const settings = normalizeSettings({ temperature: 0.2 });
    const params = inferenceParams(settings, 'meta.llama3-8b-instruct-v1:0');
    expect(params.topP).toBeUndefined();
    expect(params.maxTokens).toBeGreaterThan(0);
    const capped = inferenceParams({ ...settings, maxTokens: 10_000_000 }, 'meta.llama3-8b-instruct-v1:0');
    expect(capped.maxTokens).toBeLessThan(10_000_000);
  });

  it('an unknown model family is an error, not a guess', () => {
    expect(() => inferenceParams(normalizeSettings({}), 'stability.sd3-large-v1:0')).toThrow(AppError);
  });
});
