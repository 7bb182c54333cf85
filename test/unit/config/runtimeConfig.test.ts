import { describe, expect, it } from 'vitest';
import { ConfigError, identityProviderName, maxUploadBytes, parseRuntimeConfig } from '../../../src/config/runtimeConfig.ts';

const valid = {
  region: 'ap-northeast-2',
  userPoolId: 'ap-northeast-2_AbC123',
  userPoolClientId: 'client',
  identityPoolId: 'ap-northeast-2:0f0e0d0c-0000-4000-8000-000000000000',
  bucket: 'b',
  table: 't',
  bedrockRegion: 'us-west-2',
  defaultModelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
  kendra: null,
  endpoint: null,
};

describe('parseRuntimeConfig', () => {
  it('accepts a deployed config and defaults to SRP sign-in', () => {
    const config = parseRuntimeConfig(valid);
    expect(config.authFlow).toBe('USER_SRP_AUTH');
    expect(config.kendra).toBeNull();
    expect(config.endpoint).toBeNull();
  });

  it('keeps the local stack settings', () => {
    const config = parseRuntimeConfig({ ...valid, authFlow: 'USER_PASSWORD_AUTH', endpoint: 'http://127.0.0.1:4566', local: true, kendra: { indexId: 'i', region: 'ap-northeast-1' } });
    expect(config).toMatchObject({ authFlow: 'USER_PASSWORD_AUTH', endpoint: 'http://127.0.0.1:4566', local: true, kendra: { indexId: 'i', region: 'ap-northeast-1' } });
  });

  it('limits uploads to 50 MB unless the config says otherwise', () => {
    expect(maxUploadBytes(parseRuntimeConfig(valid))).toBe(50 * 1024 * 1024);
    expect(maxUploadBytes(parseRuntimeConfig({ ...valid, maxUploadMb: 2.5 }))).toBe(2.5 * 1024 * 1024);
    expect(() => parseRuntimeConfig({ ...valid, maxUploadMb: 0 })).toThrow(/maxUploadMb/);
    expect(() => parseRuntimeConfig({ ...valid, maxUploadMb: '50' })).toThrow(/maxUploadMb/);
  });

  it('lists every problem at once', () => {
    try {
      parseRuntimeConfig({ ...valid, region: '', userPoolId: 'nounderscore', authFlow: 'SMS', endpoint: 'ftp://x', kendra: { indexId: 1 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'region is missing',
        'userPoolId must look like <region>_<id>',
        'authFlow must be USER_SRP_AUTH or USER_PASSWORD_AUTH',
        'kendra must be null or { indexId, region }',
        'endpoint must be null or an http(s) URL',
      ]);
    }
  });

  it('notices a user pool of another region', () => {
    expect(() => parseRuntimeConfig({ ...valid, userPoolId: 'us-east-1_AbC' })).toThrow(/userPoolId is not in region ap-northeast-2/);
  });

  it('rejects what is not an object', () => {
    expect(() => parseRuntimeConfig([])).toThrow(ConfigError);
    expect(() => parseRuntimeConfig('x')).toThrow(/expected a JSON object/);
  });

  it('names the identity provider the way the identity pool expects', () => {
    expect(identityProviderName(valid)).toBe('cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123');
  });
});
