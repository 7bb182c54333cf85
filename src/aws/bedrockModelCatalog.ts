// ModelCatalog over ListFoundationModels. Only text-out models are asked for; which of them the
// app can actually talk to is decided by the domain (supportsModel / pickerModels), not here.
import { ListFoundationModelsCommand, type FoundationModelSummary } from '@aws-sdk/client-bedrock';
import { toAppError } from '../domain/errors.ts';
import type { ModelCatalog } from '../domain/ports.ts';
import type { ModelSummary } from '../domain/types.ts';
import type { AwsClients } from './clients.ts';

/** The SDK's enums become plain strings, so `INFERENCE_PROFILE` (not in the SDK's enum) survives. */
export function toModelSummary(model: FoundationModelSummary): ModelSummary | undefined {
  if (!model.modelId) return undefined;
  const summary: ModelSummary = { modelId: model.modelId };
  if (model.modelArn) summary.modelArn = model.modelArn;
  if (model.modelName) summary.modelName = model.modelName;
  if (model.providerName) summary.providerName = model.providerName;
  if (model.inputModalities) summary.inputModalities = model.inputModalities.map(String);
  if (model.outputModalities) summary.outputModalities = model.outputModalities.map(String);
  if (model.responseStreamingSupported !== undefined) summary.responseStreamingSupported = model.responseStreamingSupported;
  if (model.inferenceTypesSupported) summary.inferenceTypesSupported = model.inferenceTypesSupported.map(String);
  if (model.modelLifecycle?.status) summary.modelLifecycle = { status: String(model.modelLifecycle.status) };
  return summary;
}

export class BedrockModelCatalog implements ModelCatalog {
  constructor(private readonly clients: Pick<AwsClients, 'bedrock'>) {}

  async listModels(signal?: AbortSignal): Promise<ModelSummary[]> {
    try {
      const client = await this.clients.bedrock();
      const output = await client.send(
        new ListFoundationModelsCommand({ byOutputModality: 'TEXT' }),
        signal ? { abortSignal: signal } : {},
      );
      return (output.modelSummaries ?? []).flatMap((model) => toModelSummary(model) ?? []);
    } catch (e) {
      throw toAppError(e);
    }
  }
}
