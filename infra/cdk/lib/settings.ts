// Deployment settings: typed, with defaults, read from CDK context (`cdk.json` or `-c key=value`).
// Everything the stacks vary on lives here so a deployment is described in one place.

export type KendraEdition = 'DEVELOPER_EDITION' | 'ENTERPRISE_EDITION';

export type KendraSetting =
  | { mode: 'none' }
  | { mode: 'create'; region: string; edition: KendraEdition }
  | { mode: 'existing'; region: string; indexId: string };

export interface SeoyeonSettings {
  stackName: string;
  /** Cognito, S3 and DynamoDB live here. */
  region: string;
  /** Where the browser calls Bedrock (models differ by region). */
  bedrockRegion: string;
  /** Base model ids (no geographic profile prefix); the role may invoke these and their profiles. */
  allowedModelIds: string[];
  /** What the UI picks first: a base id or an inference-profile id of an allowed model. */
  defaultModelId: string;
  /** Origins that may call S3 from the browser (CORS). */
  webOrigins: string[];
  kendra: KendraSetting;
  /** Keep the bucket and table when the stack is destroyed. */
  retainData: boolean;
}

export const DEFAULT_ALLOWED_MODELS = [
  'anthropic.claude-3-5-haiku-20241022-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'amazon.nova-micro-v1:0',
  'amazon.nova-lite-v1:0',
  'amazon.nova-pro-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'amazon.titan-text-express-v1',
];

const PROFILE_PREFIX = /^(?:us|eu|apac|global|jp|au|ca|us-gov)\./;
const MODEL_ID = /^[a-z0-9-]+\.[a-z0-9.:-]+$/;
const KENDRA_INDEX_ID = /^[a-z0-9][a-z0-9-]{35}$/;

/** `us.anthropic.x` → `anthropic.x`; profile ARNs and foundation-model ARNs → the bare id. */
export function baseModelId(id: string): string {
  const afterSlash = id.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1) : id;
  return afterSlash.replace(PROFILE_PREFIX, '');
}

/** The geographic inference-profile prefix that serves a Bedrock region. */
export function profilePrefixFor(bedrockRegion: string): string {
  if (bedrockRegion.startsWith('us-')) return 'us';
  if (bedrockRegion.startsWith('eu-')) return 'eu';
  if (bedrockRegion.startsWith('ap-')) return 'apac';
  return 'global';
}

type ContextReader = (key: string) => unknown;

function list(value: unknown, fallback: string[]): string[] {
  if (value === undefined || value === null || value === '') return fallback;
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[')) return (JSON.parse(text) as unknown[]).map(String);
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function str(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return !['false', '0', 'no'].includes(String(value).toLowerCase());
}

/**
 * Reads settings from context keys: region, bedrockRegion, allowedModels, defaultModel, webOrigins,
 * kendra (`none` | `create` | an existing index id), kendraRegion, kendraEdition, retainData, stackName.
 * Throws one error naming every bad value, so `cdk synth` fails before anything is deployed.
 */
export function readSettings(get: ContextReader): SeoyeonSettings {
  const problems: string[] = [];
  const region = str(get('region'), 'ap-northeast-2');
  const bedrockRegion = str(get('bedrockRegion'), 'us-west-2');
  const allowedModelIds = [...new Set(list(get('allowedModels'), DEFAULT_ALLOWED_MODELS).map(baseModelId))];
  for (const id of allowedModelIds) {
    if (!MODEL_ID.test(id)) problems.push(`allowedModels: "${id}" is not a Bedrock model id`);
  }
  if (allowedModelIds.length === 0) problems.push('allowedModels is empty');
  const defaultModelId = str(get('defaultModel'), `${profilePrefixFor(bedrockRegion)}.amazon.nova-lite-v1:0`);
  if (!allowedModelIds.includes(baseModelId(defaultModelId))) {
    problems.push(`defaultModel "${defaultModelId}" is not one of allowedModels`);
  }
  const webOrigins = list(get('webOrigins'), ['http://localhost:5173']);
  for (const origin of webOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) problems.push(`webOrigins: "${origin}" must be scheme://host[:port] with no path`);
  }

  const kendraChoice = str(get('kendra'), 'none');
  const kendraRegion = str(get('kendraRegion'), 'ap-northeast-1');
  const edition = str(get('kendraEdition'), 'DEVELOPER_EDITION');
  let kendra: KendraSetting = { mode: 'none' };
  if (kendraChoice === 'create') {
    if (edition !== 'DEVELOPER_EDITION' && edition !== 'ENTERPRISE_EDITION') {
      // GenAI Enterprise has no token access control and no Korean; see docs/DEPLOY.md.
      problems.push('kendraEdition must be DEVELOPER_EDITION or ENTERPRISE_EDITION');
    }
    kendra = { mode: 'create', region: kendraRegion, edition: edition as KendraEdition };
  } else if (KENDRA_INDEX_ID.test(kendraChoice)) {
    kendra = { mode: 'existing', region: kendraRegion, indexId: kendraChoice };
  } else if (kendraChoice !== 'none') {
    problems.push(`kendra must be "none", "create" or an existing index id, not "${kendraChoice}"`);
  }

  if (problems.length > 0) throw new Error(`Invalid Seoyeon settings:\n- ${problems.join('\n- ')}`);
  return {
    stackName: str(get('stackName'), 'Seoyeon'),
    region,
    bedrockRegion,
    allowedModelIds,
    defaultModelId,
    webOrigins,
    kendra,
    retainData: bool(get('retainData'), true),
  };
}
