// The identity pool through the SDK's own credential provider and client, as the browser uses it.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { CognitoIdentityClient, GetIdCommand, NotAuthorizedException, ResourceNotFoundException } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { generateKeyPair, loadKeys } from '../../infra/local/jwt.ts';
import { localConfig, stackUrl } from './support/stack.ts';
import type { RuntimeConfig } from '../../src/config/runtimeConfig.ts';

let config: RuntimeConfig;
let provider: string;

beforeAll(async () => {
  config = await localConfig();
  provider = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
});

/** A confirmed user (made through the admin route), signed in. */
async function signInAs(username: string): Promise<{ IdToken: string; AccessToken: string }> {
  const made = await fetch(`${stackUrl()}/_local/cognito-idp/users`, {
    method: 'POST',
    body: JSON.stringify({ username, password: 'Good-pass-1' }),
  });
  expect(made.ok).toBe(true);
  const res = await fetch(`${stackUrl()}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: 'Good-pass-1' },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { AuthenticationResult: { IdToken: string; AccessToken: string } }).AuthenticationResult;
}

const idTokenOf = async (username: string) => (await signInAs(username)).IdToken;

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function credentialsFor(logins?: Record<string, string>) {
  return fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    ...(logins ? { logins } : {}),
    clientConfig: { region: config.region, endpoint: stackUrl(), maxAttempts: 1 },
  })();
}

const identityClient = () => new CognitoIdentityClient({ region: config.region, endpoint: stackUrl(), maxAttempts: 1 });

describe('fromCognitoIdentityPool against the local identity pool', () => {
  it('gives a user the same identity on every call, and another user a different one', async () => {
    const alice = uniqueName('alice');
    const first = await credentialsFor({ [provider]: await idTokenOf(alice) });
    const second = await credentialsFor({ [provider]: await idTokenOf(alice) });
    const bob = await credentialsFor({ [provider]: await idTokenOf(uniqueName('bob')) });
    expect(first.identityId).toMatch(new RegExp(`^${config.region}:[0-9a-f-]{36}$`));
    expect(second.identityId).toBe(first.identityId);
    expect(bob.identityId).not.toBe(first.identityId);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(first.secretAccessKey).toBeTruthy();
    expect(first.sessionToken).toBeTruthy();
    expect(first.expiration).toBeInstanceOf(Date);
    expect(first.expiration!.getTime()).toBeGreaterThan(Date.now());
  });

  it('hands out credentials that reach only the user’s own data', async () => {
    const alice = await credentialsFor({ [provider]: await idTokenOf(uniqueName('alice')) });
    const bob = await credentialsFor({ [provider]: await idTokenOf(uniqueName('bob')) });
    const dynamo = new DynamoDBClient({ region: config.region, endpoint: stackUrl(), credentials: alice, maxAttempts: 1 });
    const own = { pk: { S: alice.identityId }, sk: { S: 'profile' } };
    await dynamo.send(new PutItemCommand({ TableName: config.table, Item: { ...own, note: { S: '안녕하세요' } } }));
    expect((await dynamo.send(new GetItemCommand({ TableName: config.table, Key: own }))).Item?.note?.S).toBe('안녕하세요');
    await expect(
      dynamo.send(new GetItemCommand({ TableName: config.table, Key: { pk: { S: bob.identityId }, sk: { S: 'profile' } } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('gives guests nothing', async () => {
    await expect(credentialsFor()).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(credentialsFor()).rejects.toMatchObject({ message: 'Unauthenticated access is not supported for this identity pool.' });
  });

  it('rejects an ID token signed by any other key', async () => {
    const real = await idTokenOf(uniqueName('alice'));
    const [header, payload] = real.split('.') as [string, string];
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const forged = loadKeys({ ...generateKeyPair(), kid }).sign(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>);
    await expect(credentialsFor({ [provider]: forged })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
  });
});

describe('GetId errors', () => {
  it('does not know another identity pool', async () => {
    const command = new GetIdCommand({ IdentityPoolId: `${config.region}:00000000-0000-0000-0000-000000000000`, Logins: {} });
    await expect(identityClient().send(command)).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('accepts the token only under the local user pool’s provider name', async () => {
    const token = await idTokenOf(uniqueName('alice'));
    const command = new GetIdCommand({ IdentityPoolId: config.identityPoolId, Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other': token } });
    await expect(identityClient().send(command)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: expect.stringMatching(/^Token is not from a supported provider of this identity pool/),
    });
  });

  it('rejects an access token in place of an ID token', async () => {
    const { AccessToken } = await signInAs(uniqueName('alice'));
    const command = new GetIdCommand({ IdentityPoolId: config.identityPoolId, Logins: { [provider]: AccessToken } });
    await expect(identityClient().send(command)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Not a valid OpenId Connect identity token.',
    });
  });
});
