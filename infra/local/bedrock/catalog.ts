// The foundation models the local Bedrock knows: real ids and ListFoundationModels fields, which
// request/stream family each speaks, and the system-defined cross-region inference profiles.
// Everything else in the emulator asks this file, so model capabilities are decided in one place.

export type FamilyId = 'claude' | 'llama3' | 'llama2' | 'titan' | 'nova' | 'mistral-text' | 'mistral-chat' | 'titan-embed';

export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';

export interface CatalogModel {
  modelId: string;
  /** Base name; the served name adds which local engine answers. */
  name: string;
  provider: 'Anthropic' | 'Meta' | 'Amazon' | 'Mistral AI';
  family: FamilyId;
  input: Array<'TEXT' | 'IMAGE' | 'VIDEO'>;
  output: Array<'TEXT' | 'EMBEDDING'>;
  streaming: boolean;
  customizations: Array<'FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION'>;
  inference: InferenceType[];
  status: 'ACTIVE' | 'LEGACY';
  /** Geographic prefixes of the system-defined profiles that contain this model. */
  profiles: Array<'us' | 'eu' | 'apac' | 'global'>;
}

/** What the app's runtime config names when the local stack runs: a profile id, as in production. */
export const DEFAULT_LOCAL_MODEL_ID = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

const GEO: CatalogModel['profiles'] = ['us', 'eu', 'apac'];
const GEO_GLOBAL: CatalogModel['profiles'] = ['us', 'eu', 'apac', 'global'];

function m(
  modelId: string,
  name: string,
  provider: CatalogModel['provider'],
  family: FamilyId,
  extra: Partial<Omit<CatalogModel, 'modelId' | 'name' | 'provider' | 'family'>> = {},
): CatalogModel {
  return {
    modelId,
    name,
    provider,
    family,
    input: ['TEXT'],
    output: ['TEXT'],
    streaming: true,
    customizations: [],
    inference: ['ON_DEMAND'],
    status: 'ACTIVE',
    profiles: [],
    ...extra,
  };
}

// Profile-only models list INFERENCE_PROFILE alone, as real ListFoundationModels does for them.
const PROFILE_ONLY = { inference: ['INFERENCE_PROFILE'] as InferenceType[], profiles: GEO };

export const MODELS: readonly CatalogModel[] = [
  m('anthropic.claude-3-haiku-20240307-v1:0', 'Claude 3 Haiku', 'Anthropic', 'claude', { input: ['TEXT', 'IMAGE'], profiles: GEO }),
  m('anthropic.claude-3-sonnet-20240229-v1:0', 'Claude 3 Sonnet', 'Anthropic', 'claude', { input: ['TEXT', 'IMAGE'], status: 'LEGACY', profiles: ['us'] }),
  m('anthropic.claude-3-5-haiku-20241022-v1:0', 'Claude 3.5 Haiku', 'Anthropic', 'claude', PROFILE_ONLY),
  m('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], status: 'LEGACY' }),
  m('anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude 3.5 Sonnet v2', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'] }),
  m('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Claude 3.7 Sonnet', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'] }),
  m('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: GEO_GLOBAL }),
  m('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: ['us'] }),
  m('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: GEO_GLOBAL }),
  m('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5', 'Anthropic', 'claude', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: GEO_GLOBAL }),

  m('meta.llama2-13b-chat-v1', 'Llama 2 Chat 13B', 'Meta', 'llama2', { status: 'LEGACY', customizations: ['FINE_TUNING'] }),
  m('meta.llama2-70b-chat-v1', 'Llama 2 Chat 70B', 'Meta', 'llama2', { status: 'LEGACY' }),
  m('meta.llama3-8b-instruct-v1:0', 'Llama 3 8B Instruct', 'Meta', 'llama3'),
  m('meta.llama3-70b-instruct-v1:0', 'Llama 3 70B Instruct', 'Meta', 'llama3'),
  m('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, customizations: ['FINE_TUNING', 'DISTILLATION'], profiles: ['us'] }),
  m('meta.llama3-1-70b-instruct-v1:0', 'Llama 3.1 70B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, customizations: ['FINE_TUNING', 'DISTILLATION'], profiles: ['us'] }),
  m('meta.llama3-1-405b-instruct-v1:0', 'Llama 3.1 405B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, profiles: ['us'] }),
  m('meta.llama3-2-1b-instruct-v1:0', 'Llama 3.2 1B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, profiles: ['us', 'eu'] }),
  m('meta.llama3-2-3b-instruct-v1:0', 'Llama 3.2 3B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, profiles: ['us', 'eu'] }),
  m('meta.llama3-2-11b-instruct-v1:0', 'Llama 3.2 11B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: ['us'] }),
  m('meta.llama3-2-90b-instruct-v1:0', 'Llama 3.2 90B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE'], profiles: ['us'] }),
  m('meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 'Meta', 'llama3', { ...PROFILE_ONLY, profiles: ['us'] }),

  m('amazon.titan-text-express-v1', 'Titan Text G1 - Express', 'Amazon', 'titan', { customizations: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'] }),
  m('amazon.titan-text-lite-v1', 'Titan Text G1 - Lite', 'Amazon', 'titan', { customizations: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'] }),
  m('amazon.titan-text-premier-v1:0', 'Titan Text G1 - Premier', 'Amazon', 'titan'),
  m('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon', 'titan-embed', { output: ['EMBEDDING'], streaming: false }),
  m('amazon.nova-micro-v1:0', 'Nova Micro', 'Amazon', 'nova', { ...PROFILE_ONLY, customizations: ['FINE_TUNING', 'DISTILLATION'] }),
  m('amazon.nova-lite-v1:0', 'Nova Lite', 'Amazon', 'nova', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE', 'VIDEO'], customizations: ['FINE_TUNING', 'DISTILLATION'] }),
  m('amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', 'nova', { ...PROFILE_ONLY, input: ['TEXT', 'IMAGE', 'VIDEO'], customizations: ['FINE_TUNING', 'DISTILLATION'] }),

  m('mistral.mistral-7b-instruct-v0:2', 'Mistral 7B Instruct', 'Mistral AI', 'mistral-text'),
  m('mistral.mixtral-8x7b-instruct-v0:1', 'Mixtral 8x7B Instruct', 'Mistral AI', 'mistral-text'),
  m('mistral.mistral-large-2402-v1:0', 'Mistral Large (24.02)', 'Mistral AI', 'mistral-text'),
  m('mistral.mistral-small-2402-v1:0', 'Mistral Small (24.02)', 'Mistral AI', 'mistral-text'),
  m('mistral.mistral-large-2407-v1:0', 'Mistral Large (24.07)', 'Mistral AI', 'mistral-chat'),
];

const BY_ID = new Map(MODELS.map((model) => [model.modelId, model]));

export function findModel(modelId: string): CatalogModel | undefined {
  return BY_ID.get(modelId);
}

export function modelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

export type Resolution =
  | { ok: true; model: CatalogModel; viaProfile: boolean }
  | { ok: false; status: 400 | 404; code: 'ValidationException' | 'ResourceNotFoundException'; message: string };

const INVALID_ID = 'The provided model identifier is invalid.';
const PROFILE_PREFIX = /^(us|eu|apac|global)\.(.+)$/;

/** Map the model id of an InvokeModel path (bare id, profile id or either ARN) to a catalogue model. */
export function resolveModelId(identifier: string): Resolution {
  let id = identifier;
  const arn = /^arn:aws[\w-]*:bedrock:[\w-]*:(\d*):(foundation-model|inference-profile)\/(.+)$/.exec(identifier);
  if (identifier.startsWith('arn:')) {
    if (!arn) return { ok: false, status: 404, code: 'ResourceNotFoundException', message: INVALID_ID };
    const [, account, kind, rest] = arn;
    // A foundation-model ARN has no account; an inference-profile ARN has one.
    if ((kind === 'foundation-model') !== (account === '')) {
      return { ok: false, status: 404, code: 'ResourceNotFoundException', message: INVALID_ID };
    }
    if (kind === 'inference-profile' && !PROFILE_PREFIX.test(rest!)) {
      return { ok: false, status: 404, code: 'ResourceNotFoundException', message: INVALID_ID };
    }
    id = rest!;
  }
  const profile = PROFILE_PREFIX.exec(id);
  if (profile) {
    const model = findModel(profile[2]!);
    const geo = profile[1] as CatalogModel['profiles'][number];
    if (!model || !model.profiles.includes(geo)) {
      return { ok: false, status: 404, code: 'ResourceNotFoundException', message: INVALID_ID };
    }
    return { ok: true, model, viaProfile: true };
  }
  const model = findModel(id);
  if (!model) return { ok: false, status: 404, code: 'ResourceNotFoundException', message: INVALID_ID };
  if (!model.inference.includes('ON_DEMAND')) {
    return {
      ok: false,
      status: 400,
      code: 'ValidationException',
      message:
        `Invocation of model ID ${model.modelId} with on-demand throughput isn't supported. ` +
        'Retry your request with the ID or ARN of an inference profile that contains this model.',
    };
  }
  return { ok: true, model, viaProfile: false };
}

/** The name a client sees, saying which local engine serves the model. */
export function servedName(model: CatalogModel, engineLabel: string): string {
  return `${model.name} · ${engineLabel}`;
}

export interface ModelSummary {
  modelArn: string;
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported: boolean;
  customizationsSupported: string[];
  inferenceTypesSupported: string[];
  modelLifecycle: { status: string };
}

export function modelSummary(model: CatalogModel, region: string, engineLabel: string): ModelSummary {
  return {
    modelArn: modelArn(region, model.modelId),
    modelId: model.modelId,
    modelName: model.output.includes('EMBEDDING') ? servedName(model, 'local offline embeddings') : servedName(model, engineLabel),
    providerName: model.provider,
    inputModalities: [...model.input],
    outputModalities: [...model.output],
    responseStreamingSupported: model.streaming,
    customizationsSupported: [...model.customizations],
    inferenceTypesSupported: [...model.inference],
    modelLifecycle: { status: model.status },
  };
}

export interface ModelFilter {
  byProvider?: string | null;
  byOutputModality?: string | null;
  byInferenceType?: string | null;
  byCustomizationType?: string | null;
}

export function filterModels(filter: ModelFilter): CatalogModel[] {
  return MODELS.filter(
    (model) =>
      (!filter.byProvider || model.provider.toLowerCase() === filter.byProvider.toLowerCase()) &&
      (!filter.byOutputModality || (model.output as string[]).includes(filter.byOutputModality)) &&
      (!filter.byInferenceType || (model.inference as string[]).includes(filter.byInferenceType)) &&
      (!filter.byCustomizationType || (model.customizations as string[]).includes(filter.byCustomizationType)),
  );
}

const GEO_NAMES = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' } as const;
// Destination regions of each geography's profiles (a representative subset).
const GEO_REGIONS = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2'],
  global: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'],
} as const;

export interface InferenceProfileSummary {
  inferenceProfileName: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  inferenceProfileArn: string;
  models: Array<{ modelArn: string }>;
  inferenceProfileId: string;
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED';
}

export function inferenceProfiles(region: string, account: string): InferenceProfileSummary[] {
  return MODELS.flatMap((model) =>
    model.profiles.map((geo) => {
      const id = `${geo}.${model.modelId}`;
      return {
        inferenceProfileName: `${GEO_NAMES[geo]} ${model.provider === 'Mistral AI' ? 'Mistral' : model.provider} ${model.name}`,
        description: `Routes requests to ${model.name} in ${GEO_REGIONS[geo].join(', ')}.`,
        createdAt: '2024-08-27T00:00:00Z',
        updatedAt: '2024-08-27T00:00:00Z',
        inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`,
        models: GEO_REGIONS[geo].map((r) => ({ modelArn: modelArn(r, model.modelId) })),
        inferenceProfileId: id,
        status: 'ACTIVE' as const,
        type: 'SYSTEM_DEFINED' as const,
      };
    }),
  );
}
