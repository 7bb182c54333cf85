import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import {
  AccessDeniedException,
  BatchPutDocumentCommand,
  KendraClient,
  QueryCommand,
  ResourceNotFoundException,
  RetrieveCommand,
  ThrottlingException,
  ValidationException,
  type UserContext,
} from '@aws-sdk/client-kendra';
import { generateKeyPair, loadKeys } from '../../infra/local/jwt.ts';
import type { LocalState } from '../../infra/local/state.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { addFault, adminCredentials, clearFaults, localConfig, stackUrl } from './support/stack.ts';

const kendra = (endpoint = stackUrl()) => new KendraClient({ endpoint, region: 'ap-northeast-1', credentials: adminCredentials, maxAttempts: 1 });
const text = (s: string) => new TextEncoder().encode(s);
const korean = { EqualsTo: { Key: '_language_code', Value: { StringValue: 'ko' } } };

let IndexId = '';
let state: LocalState;
beforeAll(async () => {
  IndexId = (await localConfig()).kendra!.indexId;
  state = JSON.parse(readFileSync(join(inject('localAwsDataDir'), 'state.json'), 'utf8')) as LocalState;
});
afterEach(clearFaults);

/** An ID token shaped like the local user pool's, signed with the shared stack's key. */
function idToken(username: string, extra: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return loadKeys(state.signingKey).sign({
    sub: `sub-${username}`,
    iss: `https://cognito-idp.${state.region}.amazonaws.com/${state.userPoolId}`,
    aud: state.userPoolClientId,
    token_use: 'id',
    'cognito:username': username,
    iat: now,
    exp: now + 600,
    ...extra,
  });
}

async function retrieveIds(QueryText: string, UserContext?: UserContext): Promise<string[]> {
  const out = await kendra().send(new RetrieveCommand({ IndexId, QueryText, AttributeFilter: korean, ...(UserContext ? { UserContext } : {}) }));
  return (out.ResultItems ?? []).map((r) => r.DocumentId!);
}

describe('local Kendra token-based access control', () => {
  beforeAll(async () => {
    const out = await kendra().send(
      new BatchPutDocumentCommand({
        IndexId,
        Documents: [
          { Id: 'acl/alice', Blob: text('앨리스의 비밀 일정표'), ContentType: 'PLAIN_TEXT', Attributes: [{ Key: '_language_code', Value: { StringValue: 'ko' } }], AccessControlList: [{ Name: 'alice', Type: 'USER', Access: 'ALLOW' }] },
          { Id: 'acl/public', Blob: text('공개 일정표'), ContentType: 'PLAIN_TEXT', Attributes: [{ Key: '_language_code', Value: { StringValue: 'ko' } }] },
          {
            Id: 'acl/team',
            Blob: text('팀 일정표'),
            ContentType: 'PLAIN_TEXT',
            Attributes: [{ Key: '_language_code', Value: { StringValue: 'ko' } }],
            AccessControlList: [
              { Name: 'planners', Type: 'GROUP', Access: 'ALLOW' },
              { Name: 'carol', Type: 'USER', Access: 'DENY' },
            ],
          },
          { Id: 'acl/demo', Blob: text('데모 사용자의 일정표'), ContentType: 'PLAIN_TEXT', Attributes: [{ Key: '_language_code', Value: { StringValue: 'ko' } }], AccessControlList: [{ Name: 'demo', Type: 'USER', Access: 'ALLOW' }] },
        ],
      }),
    );
    expect(out.FailedDocuments).toEqual([]);
  });

  it("shows alice's document to alice's token only", async () => {
    expect((await retrieveIds('일정표', { Token: idToken('alice') })).sort()).toEqual(['acl/alice', 'acl/public']);
    expect(await retrieveIds('일정표', { Token: idToken('bob') })).toEqual(['acl/public']);
    expect(await retrieveIds('일정표')).toEqual(['acl/public']);
  });

  it('lets a group in through cognito:groups unless the user is denied', async () => {
    expect((await retrieveIds('일정표', { Token: idToken('dave', { 'cognito:groups': ['planners'] }) })).sort()).toEqual(['acl/public', 'acl/team']);
    expect(await retrieveIds('일정표', { Token: idToken('carol', { 'cognito:groups': ['planners'] }) })).toEqual(['acl/public']);
  });

  it('applies the ACL to Query too', async () => {
    const ids = async (token?: string) =>
      ((await kendra().send(new QueryCommand({ IndexId, QueryText: '비밀 일정표', AttributeFilter: korean, QueryResultTypeFilter: 'DOCUMENT', ...(token ? { UserContext: { Token: token } } : {}) }))).ResultItems ?? []).map((r) => r.DocumentId);
    expect(await ids(idToken('alice'))).toContain('acl/alice');
    expect(await ids(idToken('bob'))).not.toContain('acl/alice');
  });

  it("trusts the ID token the local user pool issues at sign-in", async () => {
    const config = await localConfig();
    const res = await fetch(stackUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId, AuthParameters: { USERNAME: 'demo', PASSWORD: 'Demo-pass-1' } }),
    });
    expect(res.status).toBe(200);
    const { AuthenticationResult } = (await res.json()) as { AuthenticationResult: { IdToken: string; AccessToken: string } };
    expect(await retrieveIds('일정표', { Token: AuthenticationResult.IdToken })).toContain('acl/demo');
    // The access token has no cognito:username claim, so it cannot name the user.
    await expect(retrieveIds('일정표', { Token: AuthenticationResult.AccessToken })).rejects.toThrow(/ID token/);
  });

  it.each([
    ['a token signed by another key', () => loadKeys({ ...generateKeyPair(), kid: state.signingKey.kid }).sign({ 'cognito:username': 'alice', exp: Math.floor(Date.now() / 1000) + 600 })],
    ['an expired token', () => idToken('alice', { exp: Math.floor(Date.now() / 1000) - 10 })],
    ['a malformed token', () => 'not-a-jwt'],
  ])('refuses %s with AccessDeniedException', async (_name, token) => {
    await expect(retrieveIds('일정표', { Token: token() })).rejects.toBeInstanceOf(AccessDeniedException);
  });

  it('refuses UserId and Groups, since the index trusts only tokens', async () => {
    await expect(retrieveIds('일정표', { UserId: 'alice', Groups: ['planners'] })).rejects.toBeInstanceOf(ValidationException);
  });
});

describe('local Kendra errors', () => {
  it('answers ResourceNotFoundException for another index', async () => {
    const other = '00000000-0000-0000-0000-000000000000';
    await expect(kendra().send(new RetrieveCommand({ IndexId: other, QueryText: 'x' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(kendra().send(new RetrieveCommand({ IndexId: 'short', QueryText: 'x' }))).rejects.toBeInstanceOf(ValidationException);
  });

  it('refuses a malformed AttributeFilter', async () => {
    await expect(
      kendra().send(new RetrieveCommand({ IndexId, QueryText: 'x', AttributeFilter: { ContainsAny: { Key: '_category', Value: { StringValue: 'hr' } } } })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('throttles when a fault is injected', async () => {
    await addFault({ kind: 'throttle', service: 'kendra', operation: 'Retrieve' });
    await expect(kendra().send(new RetrieveCommand({ IndexId, QueryText: 'x' }))).rejects.toBeInstanceOf(ThrottlingException);
  });

  it('reports its document count in the stack health', async () => {
    const res = await fetch(`${stackUrl()}/_local/health`);
    const body = (await res.json()) as { services: { kendra: { state: string; detail: { documents: number; indexId: string } } } };
    expect(body.services.kendra.state).toBe('ready');
    expect(body.services.kendra.detail.indexId).toBe(IndexId);
    expect(body.services.kendra.detail.documents).toBeGreaterThanOrEqual(4);
  });
});

describe('local Kendra persistence', () => {
  it('keeps documents across a restart of the stack', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seoyeon-kendra-restart-'));
    const env = { ...process.env, LOCAL_LLM_URL: '' };
    try {
      const first = await startLocalStack({ port: 0, dataDir, env, log: () => {} });
      const indexId = first.config.kendra!.indexId;
      try {
        await kendra(first.url).send(
          new BatchPutDocumentCommand({
            IndexId: indexId,
            Documents: [{ Id: 'kept', Blob: text('연차는 입사 첫 해에 15일이다.'), ContentType: 'PLAIN_TEXT', Attributes: [{ Key: '_language_code', Value: { StringValue: 'ko' } }] }],
          }),
        );
      } finally {
        await first.close();
      }
      const second = await startLocalStack({ port: 0, dataDir, env, log: () => {} });
      try {
        const out = await kendra(second.url).send(new RetrieveCommand({ IndexId: indexId, QueryText: '연차는 며칠인가요?', AttributeFilter: korean }));
        expect(out.ResultItems?.map((r) => r.DocumentId)).toEqual(['kept']);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

