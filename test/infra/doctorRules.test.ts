// The doctor's judgement without a network: which preflight answers a browser accepts, which
// configs are complete, and the one-token body each model family needs.
import { describe, expect, it } from 'vitest';
import { oneTokenBody, profileIdFor } from '../../scripts/doctor/bodies.ts';
import { configProblems } from '../../scripts/doctor/config.ts';
import { SIGNED_HEADERS, endpointsFor, preflightProblem, type Endpoint } from '../../scripts/doctor/cors.ts';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';

const ORIGIN = 'https://chat.example.com';
const DDB: Endpoint = { name: 'DynamoDB', url: 'https://dynamodb.ap-northeast-2.amazonaws.com/', method: 'POST', headers: SIGNED_HEADERS };
const S3: Endpoint = { name: 'S3', url: 'https://b.s3.ap-northeast-2.amazonaws.com/x', method: 'PUT', headers: SIGNED_HEADERS };

const answer = (status: number, headers: Record<string, string>) => ({ status, headers: new Headers(headers) });

const CONFIG: RuntimeConfig = {
  region: 'ap-northeast-2',
  userPoolId: 'ap-northeast-2_AbC123',
  userPoolClientId: 'client',
  identityPoolId: 'ap-northeast-2:11111111-2222-4333-8444-555555555555',
  authFlow: 'USER_SRP_AUTH',
  bucket: 'seoyeon-docs',
  table: 'Seoyeon-Table',
  bedrockRegion: 'us-west-2',
  defaultModelId: 'us.amazon.nova-lite-v1:0',
  kendra: { indexId: 'idx', region: 'ap-northeast-1' },
  endpoint: null,
};

describe('preflight verdict', () => {
  it('accepts an answer that names the origin and every requested header', () => {
    const ok = answer(200, {
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET, PUT, POST',
      'access-control-allow-headers': SIGNED_HEADERS.join(', '),
    });
    expect(preflightProblem(ok, ORIGIN, DDB)).toBeNull();
    expect(preflightProblem(ok, ORIGIN, S3)).toBeNull();
  });

  it('rejects another origin, a refused status, a missing method and unlisted headers', () => {
    expect(preflightProblem(answer(200, { 'access-control-allow-origin': 'https://other.example' }), ORIGIN, DDB)).toMatch(
      /not https:\/\/chat.example.com/,
    );
    expect(preflightProblem(answer(403, {}), ORIGIN, DDB)).toMatch(/HTTP 403/);
    expect(
      preflightProblem(
        answer(200, {
          'access-control-allow-origin': ORIGIN,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': SIGNED_HEADERS.join(','),
        }),
        ORIGIN,
        S3,
      ),
    ).toMatch(/method PUT not allowed/);
    expect(
      preflightProblem(
        answer(200, { 'access-control-allow-origin': ORIGIN, 'access-control-allow-headers': 'content-type,x-amz-date' }),
        ORIGIN,
        DDB,
      ),
    ).toMatch(/headers not allowed: authorization, x-amz-security-token/);
  });

  it('knows that "*" does not cover Authorization', () => {
    const star = answer(200, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' });
    expect(preflightProblem(star, ORIGIN, DDB)).toBe('headers not allowed: authorization');
  });
});

describe('endpoints', () => {
  it('calls the regional hosts of each service, Kendra in its own region', () => {
    const urls = endpointsFor(CONFIG).map((e) => `${e.method} ${e.url}`);
    expect(urls).toEqual([
      'POST https://cognito-idp.ap-northeast-2.amazonaws.com/',
      'POST https://cognito-identity.ap-northeast-2.amazonaws.com/',
      'POST https://bedrock-runtime.us-west-2.amazonaws.com/model/us.amazon.nova-lite-v1%3A0/invoke-with-response-stream',
      'GET https://bedrock.us-west-2.amazonaws.com/foundation-models',
      'PUT https://seoyeon-docs.s3.ap-northeast-2.amazonaws.com/private/doctor-probe',
      'POST https://dynamodb.ap-northeast-2.amazonaws.com/',
      'POST https://kendra.ap-northeast-1.amazonaws.com/',
    ]);
  });

  it('sends everything to the one endpoint of the local stack, S3 path-style, and skips Kendra when off', () => {
    const urls = endpointsFor({ ...CONFIG, endpoint: 'http://127.0.0.1:4566/', kendra: null }).map((e) => e.url);
    expect(urls.every((u) => u.startsWith('http://127.0.0.1:4566/'))).toBe(true);
    expect(urls).toContain('http://127.0.0.1:4566/seoyeon-docs/private/doctor-probe');
    expect(urls.some((u) => u.includes('kendra'))).toBe(false);
  });
});

describe('config completeness', () => {
  it('accepts a full config', () => {
    expect(configProblems(CONFIG)).toEqual([]);
  });

  it('names every problem', () => {
    const { table: _t, ...noTable } = CONFIG;
    expect(configProblems({ ...noTable, userPoolId: 'us-east-1_X1', kendra: { indexId: 3 }, endpoint: 'ftp://x' })).toEqual([
      'table is missing',
      'userPoolId is not in region ap-northeast-2',
      'kendra must be null or { indexId, region }',
      'endpoint must be null or an http(s) URL',
    ]);
    expect(configProblems([])).toEqual(['expected a JSON object']);
  });
});

describe('one-token bodies', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', { max_tokens: 1, anthropic_version: 'bedrock-2023-05-31' }],
    ['meta.llama3-1-70b-instruct-v1:0', { max_gen_len: 1 }],
    ['meta.llama2-13b-chat-v1', { max_gen_len: 1 }],
    ['amazon.titan-text-express-v1', { textGenerationConfig: { maxTokenCount: 1 } }],
    ['apac.amazon.nova-pro-v1:0', { inferenceConfig: { maxTokens: 1 } }],
    ['mistral.mistral-large-2407-v1:0', { max_tokens: 1, messages: [{ role: 'user', content: '안녕' }] }],
    ['mistral.mistral-7b-instruct-v0:2', { max_tokens: 1, prompt: '<s>[INST] 안녕 [/INST]' }],
  ])('%s asks for one token', (id, expected) => {
    expect(oneTokenBody(id)).toMatchObject(expected);
  });

  it('refuses a family it does not know instead of guessing', () => {
    expect(() => oneTokenBody('cohere.command-r-v1:0')).toThrow(/no request format/);
  });

  it('picks the geographic profile of the Bedrock region', () => {
    expect(profileIdFor('anthropic.claude-sonnet-4-20250514-v1:0', 'ap-northeast-2')).toBe('apac.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(profileIdFor('amazon.nova-lite-v1:0', 'us-west-2')).toBe('us.amazon.nova-lite-v1:0');
    expect(profileIdFor('amazon.nova-lite-v1:0', 'eu-central-1')).toBe('eu.amazon.nova-lite-v1:0');
  });
});
