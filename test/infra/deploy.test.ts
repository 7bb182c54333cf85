// What `npm run deploy` and `npm run synth` do around the CDK CLI: outputs → config.json, and an
// assembly the installed CLI can read.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliMaxSchema, downlevelManifest, mergedContext, synthesizeAssembly } from '../../infra/cdk/tooling/assembly.ts';
import { outputsToRuntimeConfig } from '../../infra/cdk/tooling/outputs.ts';

const MAIN = {
  Region: 'ap-northeast-2',
  UserPoolId: 'ap-northeast-2_AbC123',
  UserPoolClientId: '1example23456789',
  IdentityPoolId: 'ap-northeast-2:11111111-2222-4333-8444-555555555555',
  BucketName: 'seoyeon-storagedocuments-abc',
  TableName: 'Seoyeon-StorageTable-XYZ',
  BedrockRegion: 'us-west-2',
  DefaultModelId: 'us.amazon.nova-lite-v1:0',
  AllowedModelIds: 'amazon.nova-lite-v1:0,anthropic.claude-3-5-haiku-20241022-v1:0',
  AuthenticatedRoleArn: 'arn:aws:iam::111122223333:role/Seoyeon-ap-northeast-2-browser',
};

describe('outputs → runtime config', () => {
  it('maps every output and uses SRP with the real endpoints', () => {
    expect(outputsToRuntimeConfig({ Seoyeon: MAIN }, 'Seoyeon')).toEqual({
      region: 'ap-northeast-2',
      userPoolId: 'ap-northeast-2_AbC123',
      userPoolClientId: '1example23456789',
      identityPoolId: 'ap-northeast-2:11111111-2222-4333-8444-555555555555',
      authFlow: 'USER_SRP_AUTH',
      bucket: 'seoyeon-storagedocuments-abc',
      table: 'Seoyeon-StorageTable-XYZ',
      bedrockRegion: 'us-west-2',
      defaultModelId: 'us.amazon.nova-lite-v1:0',
      allowedModelIds: ['amazon.nova-lite-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
      kendra: null,
      endpoint: null,
    });
  });

  it('takes the Kendra index from the index stack when it has its own', () => {
    const config = outputsToRuntimeConfig(
      { Seoyeon: MAIN, SeoyeonIndex: { KendraIndexId: 'abcd-index', KendraRegion: 'ap-northeast-1' } },
      'Seoyeon',
    );
    expect(config.kendra).toEqual({ indexId: 'abcd-index', region: 'ap-northeast-1' });
  });

  it('names a missing output instead of writing a broken config', () => {
    const { TableName: _drop, ...partial } = MAIN;
    expect(() => outputsToRuntimeConfig({ Seoyeon: partial }, 'Seoyeon')).toThrow(/no output TableName/);
    expect(() => outputsToRuntimeConfig({ Other: MAIN }, 'Seoyeon')).toThrow(/no stack "Seoyeon"/);
  });
});

describe('assembly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seoyeon-cdk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes with cdk.json context and overrides, without credentials', () => {
    const context = mergedContext({ bedrockRegion: 'ap-northeast-2' });
    expect(context.region).toBe('ap-northeast-2');
    synthesizeAssembly(dir, context);
    const template = JSON.parse(readFileSync(join(dir, 'Seoyeon.template.json'), 'utf8')) as {
      Outputs: Record<string, { Value: unknown }>;
    };
    expect(template.Outputs.BedrockRegion?.Value).toBe('ap-northeast-2');
    expect(template.Outputs.DefaultModelId?.Value).toBe('apac.amazon.nova-lite-v1:0');
  });

  it('relabels the manifest for an older CLI and keeps only artifacts it knows', () => {
    const path = join(dir, 'manifest.json');
    writeFileSync(
      path,
      JSON.stringify({
        version: '55.0.0',
        minimumCliVersion: '2.1148.2',
        artifacts: {
          Seoyeon: { type: 'aws:cloudformation:stack' },
          Tree: { type: 'cdk:tree' },
          'aws-cdk-lib/feature-flag-report': { type: 'cdk:feature-flag-report' },
        },
      }),
    );
    downlevelManifest(dir, 43);
    const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(m.version).toBe('43.0.0');
    expect(m.minimumCliVersion).toBeUndefined();
    expect(Object.keys(m.artifacts as object)).toEqual(['Seoyeon', 'Tree']);
    expect(cliMaxSchema('Cloud assembly schema version mismatch: Maximum schema version supported is 43.x.x, but found 55.0.0')).toBe(43);
    expect(cliMaxSchema('some other failure')).toBeNull();
  });
});
