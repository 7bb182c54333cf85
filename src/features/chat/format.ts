// Small display helpers shared by the chat components.
import type { ModelOption, ProviderGroup } from '../../domain/models/catalog.ts';
import { baseModelId } from '../../domain/models/registry.ts';

/** The picker's name for a model id, or the bare id when the catalogue has not got it. */
export function modelName(groups: readonly ProviderGroup[], id: string | undefined): string {
  if (!id) return '';
  const found: ModelOption | undefined = groups.flatMap((g) => g.models).find((m) => m.id === id || m.modelId === id);
  return found?.name ?? baseModelId(id);
}

export const formatNumber = (value: number, language: string) => value.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
