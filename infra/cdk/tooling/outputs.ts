// Stack outputs (as `cdk deploy --outputs-file` writes them) → the runtime config the browser loads.
import type { RuntimeConfig } from '../../../src/config/runtimeConfig.ts';
import { OUTPUT } from '../lib/stacks.ts';

export type StackOutputs = Record<string, Record<string, string>>;

export function outputsToRuntimeConfig(outputs: StackOutputs, stackName: string): RuntimeConfig {
  const main = outputs[stackName];
  if (!main) throw new Error(`outputs have no stack "${stackName}" (found: ${Object.keys(outputs).join(', ') || 'none'})`);
  const index = outputs[`${stackName}Index`] ?? {};
  const need = (key: string): string => {
    const value = main[key];
    if (value === undefined || value === '') throw new Error(`stack ${stackName} has no output ${key}`);
    return value;
  };
  const indexId = main[OUTPUT.kendraIndexId] ?? index[OUTPUT.kendraIndexId];
  const indexRegion = main[OUTPUT.kendraRegion] ?? index[OUTPUT.kendraRegion];
  const allowed = need(OUTPUT.allowedModelIds)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    region: need(OUTPUT.region),
    userPoolId: need(OUTPUT.userPoolId),
    userPoolClientId: need(OUTPUT.userPoolClientId),
    identityPoolId: need(OUTPUT.identityPoolId),
    // The real user pool speaks SRP, so the password never leaves the browser.
    authFlow: 'USER_SRP_AUTH',
    bucket: need(OUTPUT.bucket),
    table: need(OUTPUT.table),
    bedrockRegion: need(OUTPUT.bedrockRegion),
    defaultModelId: need(OUTPUT.defaultModelId),
    allowedModelIds: allowed,
    kendra: indexId && indexRegion ? { indexId, region: indexRegion } : null,
    endpoint: null,
  };
}
