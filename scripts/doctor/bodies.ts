// The smallest valid InvokeModel body per model family: one output token, to prove access cheaply.
const PROFILE_PREFIX = /^(?:us|eu|apac|global|jp|au|ca|us-gov)\./;

export function baseId(modelId: string): string {
  const id = modelId.startsWith('arn:') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  return id.replace(PROFILE_PREFIX, '');
}

export function oneTokenBody(modelId: string): Record<string, unknown> {
  const id = baseId(modelId);
  if (id.startsWith('anthropic.')) {
    return {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1,
      messages: [{ role: 'user', content: [{ type: 'text', text: '안녕' }] }],
    };
  }
  if (id.startsWith('meta.llama3')) {
    return {
      prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n안녕<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 1,
    };
  }
  if (id.startsWith('meta.llama2')) return { prompt: '<s>[INST] 안녕 [/INST]', max_gen_len: 1 };
  if (id.startsWith('amazon.titan-text')) return { inputText: '안녕', textGenerationConfig: { maxTokenCount: 1 } };
  if (id.startsWith('amazon.nova')) {
    return { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: '안녕' }] }], inferenceConfig: { maxTokens: 1 } };
  }
  if (id.startsWith('mistral.mistral-large-2407') || id.startsWith('mistral.mistral-large-2411')) {
    return { messages: [{ role: 'user', content: '안녕' }], max_tokens: 1 };
  }
  if (id.startsWith('mistral.')) return { prompt: '<s>[INST] 안녕 [/INST]', max_tokens: 1 };
  throw new Error(`no request format known for ${modelId}`);
}

/** Profile id to try when a model only runs through a cross-region inference profile. */
export function profileIdFor(modelId: string, bedrockRegion: string): string {
  const prefix = bedrockRegion.startsWith('us-')
    ? 'us'
    : bedrockRegion.startsWith('eu-')
      ? 'eu'
      : bedrockRegion.startsWith('ap-')
        ? 'apac'
        : 'global';
  return `${prefix}.${baseId(modelId)}`;
}
