// Which ListFoundationModels entries the model picker offers, under which id they are invoked, and
// how they are grouped. The same rules answer the typed `list models` command.
import type { ModelSummary } from '../types.ts';
import type { FamilyId } from './family.ts';
import { familyIdOf, type GeoPrefix } from './registry.ts';

export type { GeoPrefix } from './registry.ts';

const has = (list: string[] | undefined, value: string) => list?.includes(value) ?? false;

/** A missing lifecycle (some emulators omit it) counts as ACTIVE; LEGACY models are hidden. */
export function supportsModel(summary: ModelSummary): boolean {
  const lifecycle = summary.modelLifecycle?.status ?? 'ACTIVE';
  return (
    has(summary.outputModalities, 'TEXT') &&
    summary.responseStreamingSupported === true &&
    lifecycle === 'ACTIVE' &&
    (has(summary.inferenceTypesSupported, 'ON_DEMAND') || has(summary.inferenceTypesSupported, 'INFERENCE_PROFILE')) &&
    familyIdOf(summary.modelId) !== undefined
  );
}

/**
 * The id to pass to InvokeModel: the model id when it runs on demand, otherwise the inference
 * profile in the caller's geography (profile-only models reject their bare id with a
 * ValidationException). Undefined when neither works (provisioned-only variants).
 */
export function invocationId(summary: ModelSummary, geoPrefix: GeoPrefix): string | undefined {
  if (has(summary.inferenceTypesSupported, 'ON_DEMAND')) return summary.modelId;
  if (has(summary.inferenceTypesSupported, 'INFERENCE_PROFILE')) return `${geoPrefix}.${summary.modelId}`;
  return undefined;
}

/** The profile geography for the Bedrock region (`us-west-2` → `us`, `ap-northeast-2` → `apac`). */
export function geoPrefixForRegion(region: string): GeoPrefix | undefined {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  if (region.startsWith('ca-')) return 'ca';
  return undefined;
}

export interface ModelOption {
  /** What to invoke (see invocationId). */
  id: string;
  modelId: string;
  name: string;
  provider: string;
  family: FamilyId;
}

export interface ProviderGroup {
  provider: string;
  models: ModelOption[];
}

/** Supported models as picker options, grouped by provider; providers and models in name order. */
export function pickerModels(summaries: readonly ModelSummary[], geoPrefix: GeoPrefix): ProviderGroup[] {
  const groups = new Map<string, ModelOption[]>();
  for (const summary of summaries) {
    if (!supportsModel(summary)) continue;
    const id = invocationId(summary, geoPrefix);
    const family = familyIdOf(summary.modelId);
    if (!id || !family) continue;
    const provider = summary.providerName ?? summary.modelId.split('.')[0] ?? summary.modelId;
    const option: ModelOption = { id, modelId: summary.modelId, name: summary.modelName ?? summary.modelId, provider, family };
    groups.set(provider, [...(groups.get(provider) ?? []), option]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([provider, models]) => ({ provider, models: models.sort((a, b) => a.name.localeCompare(b.name, 'en')) }));
}
