// Per-user isolation, proven by evaluating the synthesized browser role's policies in an IAM
// simulator: identity A reaches its own items, objects, the allowed models and the one index,
// and nothing of identity B, nothing else in the account, and no administration.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXISTING_INDEX, ACCOUNT, synthesize, templateJson } from './support/synth.ts';
import { logicalIdsOf, type Environment } from './support/resolve.ts';
import { rolePolicies, RoleSimulator, type Request } from './support/simulate.ts';

const REGION = 'ap-northeast-2';
const A = 'ap-northeast-2:aaaaaaaa-1111-4222-8333-444444444444';
const B = 'ap-northeast-2:bbbbbbbb-5555-4666-8777-888888888888';
const BUCKET = 'seoyeon-documents-test';
const TABLE = 'Seoyeon-Table-test';
const ROLE = 'Seoyeon-ap-northeast-2-browser';
const CREATED_INDEX = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}`;
const bucketArn = `arn:aws:s3:::${BUCKET}`;
const own = (path: string): string => `${bucketArn}/private/${A}/${path}`;
const others = (path: string): string => `${bucketArn}/private/${B}/${path}`;
const principal = `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/CognitoIdentityCredentials`;

function environmentFor(template: ReturnType<typeof templateJson>, region: string, index?: string): Environment {
  const names: Record<string, string> = {};
  for (const id of logicalIdsOf(template, 'AWS::S3::Bucket')) names[id] = BUCKET;
  for (const id of logicalIdsOf(template, 'AWS::DynamoDB::Table')) names[id] = TABLE;
  for (const id of logicalIdsOf(template, 'AWS::IAM::Role')) {
    names[id] = (template.Resources[id]?.Properties?.RoleName as string | undefined) ?? `${id}-generated`;
  }
  for (const id of logicalIdsOf(template, 'AWS::Kendra::Index')) names[id] = index ?? 'unnamed-index';
  return { account: ACCOUNT, region, names };
}

/** The browser role of a deployment with an existing index in Tokyo (main stack only). */
function simulatorWithExistingIndex(): RoleSimulator {
  const s = synthesize({ kendra: EXISTING_INDEX, kendraRegion: 'ap-northeast-1' });
  const main = templateJson(s.main);
  const policies = rolePolicies([{ template: main, env: environmentFor(main, REGION) }], ROLE);
  return new RoleSimulator(policies, principal, ACCOUNT);
}

const items = (leadingKeys: string[]): Record<string, string[]> => ({ 'dynamodb:LeadingKeys': leadingKeys });
const indexArn = (id: string, region = 'ap-northeast-1'): string => `arn:aws:kendra:${region}:${ACCOUNT}:index/${id}`;

describe('browser role, simulated', () => {
  let sim: RoleSimulator;
  beforeAll(() => {
    sim = simulatorWithExistingIndex();
  }, 120_000);

  const allowed: [string, Request][] = [
    ['get own item', { action: 'dynamodb:GetItem', resource: tableArn, context: items([A]) }],
    ['put own item', { action: 'dynamodb:PutItem', resource: tableArn, context: items([A]) }],
    ['update own item', { action: 'dynamodb:UpdateItem', resource: tableArn, context: items([A]) }],
    ['delete own item', { action: 'dynamodb:DeleteItem', resource: tableArn, context: items([A]) }],
    ['query own partition', { action: 'dynamodb:Query', resource: tableArn, context: items([A]) }],
    ['batch-write own items', { action: 'dynamodb:BatchWriteItem', resource: tableArn, context: items([A]) }],
    ['batch-get own items', { action: 'dynamodb:BatchGetItem', resource: tableArn, context: items([A]) }],
    ['read own object', { action: 's3:GetObject', resource: own('documents/d1/보고서.pdf') }],
    ['write own object', { action: 's3:PutObject', resource: own('documents/d1/data.csv') }],
    ['delete own object', { action: 's3:DeleteObject', resource: own('documents/d1/data.csv') }],
    ['abort own multipart upload', { action: 's3:AbortMultipartUpload', resource: own('documents/d1/big.pdf') }],
    ['list own prefix', { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': `private/${A}/` } }],
    [
      'list own documents folder',
      { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': `private/${A}/documents/d1/` } },
    ],
    [
      'invoke an allowed model in the Bedrock region',
      { action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0' },
    ],
    [
      'stream an allowed model in another region of its profile',
      {
        action: 'bedrock:InvokeModelWithResponseStream',
        resource: 'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      },
    ],
    [
      'stream through the us. profile of an allowed model',
      {
        action: 'bedrock:InvokeModelWithResponseStream',
        resource: `arn:aws:bedrock:us-west-2:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`,
      },
    ],
    [
      'invoke through the apac. profile of an allowed model',
      {
        action: 'bedrock:InvokeModel',
        resource: `arn:aws:bedrock:ap-northeast-2:${ACCOUNT}:inference-profile/apac.amazon.nova-pro-v1:0`,
      },
    ],
    ['list foundation models', { action: 'bedrock:ListFoundationModels', resource: '*' }],
    ['put documents into the index', { action: 'kendra:BatchPutDocument', resource: indexArn(EXISTING_INDEX) }],
    ['delete documents from the index', { action: 'kendra:BatchDeleteDocument', resource: indexArn(EXISTING_INDEX) }],
    ['check document status', { action: 'kendra:BatchGetDocumentStatus', resource: indexArn(EXISTING_INDEX) }],
    ['retrieve passages', { action: 'kendra:Retrieve', resource: indexArn(EXISTING_INDEX) }],
    ['query the index', { action: 'kendra:Query', resource: indexArn(EXISTING_INDEX) }],
  ];

  it.each(allowed)('identity A may %s', async (_name, req) => {
    expect(await sim.decide(req, A)).toBe('Allowed');
  });

  const denied: [string, Request][] = [
    // DynamoDB: another identity's partition, mixed batches, no key, Scan, other tables, admin.
    ["get B's item", { action: 'dynamodb:GetItem', resource: tableArn, context: items([B]) }],
    ["put into B's partition", { action: 'dynamodb:PutItem', resource: tableArn, context: items([B]) }],
    ["delete B's item", { action: 'dynamodb:DeleteItem', resource: tableArn, context: items([B]) }],
    ["query B's partition", { action: 'dynamodb:Query', resource: tableArn, context: items([B]) }],
    ['batch-get a mix of own and B items', { action: 'dynamodb:BatchGetItem', resource: tableArn, context: items([A, B]) }],
    ['batch-write a mix of own and B items', { action: 'dynamodb:BatchWriteItem', resource: tableArn, context: items([A, B]) }],
    ['get an item with no leading key in the request', { action: 'dynamodb:GetItem', resource: tableArn }],
    ['scan the table', { action: 'dynamodb:Scan', resource: tableArn }],
    ['scan the table even naming its own key', { action: 'dynamodb:Scan', resource: tableArn, context: items([A]) }],
    ['run PartiQL', { action: 'dynamodb:PartiQLSelect', resource: tableArn, context: items([A]) }],
    ['write in a transaction', { action: 'dynamodb:ConditionCheckItem', resource: tableArn, context: items([A]) }],
    [
      'read own key in another table',
      { action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Other`, context: items([A]) },
    ],
    [
      'read own key in a same-named table of another region',
      { action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${TABLE}`, context: items([A]) },
    ],
    ['describe the table', { action: 'dynamodb:DescribeTable', resource: tableArn }],
    ['delete the table', { action: 'dynamodb:DeleteTable', resource: tableArn }],
    ['export the table', { action: 'dynamodb:ExportTableToPointInTime', resource: tableArn }],
    // S3: another identity's objects and listing, look-alike prefixes, other buckets, admin.
    ["read B's object", { action: 's3:GetObject', resource: others('documents/d1/secret.pdf') }],
    ["overwrite B's object", { action: 's3:PutObject', resource: others('documents/d1/secret.pdf') }],
    ["delete B's object", { action: 's3:DeleteObject', resource: others('documents/d1/secret.pdf') }],
    ["abort B's multipart upload", { action: 's3:AbortMultipartUpload', resource: others('documents/d1/big.pdf') }],
    ['list the multipart uploads of the bucket', { action: 's3:ListBucketMultipartUploads', resource: bucketArn, context: { 's3:prefix': `private/${A}/` } }],
    ["list B's prefix", { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': `private/${B}/` } }],
    ['list the whole bucket', { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': '' } }],
    ['list with no prefix', { action: 's3:ListBucket', resource: bucketArn }],
    ['list all private prefixes', { action: 's3:ListBucket', resource: bucketArn, context: { 's3:prefix': 'private/' } }],
    [
      'read a look-alike prefix that starts with its id',
      { action: 's3:GetObject', resource: `${bucketArn}/private/${A}-evil/x.txt` },
    ],
    ['read outside private/', { action: 's3:GetObject', resource: `${bucketArn}/public/${A}/x.txt` }],
    ['read own path in another bucket', { action: 's3:GetObject', resource: `arn:aws:s3:::other-bucket/private/${A}/x` }],
    [
      'list own prefix in another bucket',
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::other-bucket', context: { 's3:prefix': `private/${A}/` } },
    ],
    ['change an object ACL', { action: 's3:PutObjectAcl', resource: own('documents/d1/x.pdf') }],
    ['rewrite the bucket policy', { action: 's3:PutBucketPolicy', resource: bucketArn }],
    ['change the bucket CORS', { action: 's3:PutBucketCORS', resource: bucketArn }],
    ['delete the bucket', { action: 's3:DeleteBucket', resource: bucketArn }],
    // Bedrock: models not allowed, other accounts' profiles, administration.
    [
      'invoke a model that is not allowed',
      { action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-opus-20240229-v1:0' },
    ],
    [
      'stream a model that is not allowed',
      {
        action: 'bedrock:InvokeModelWithResponseStream',
        resource: 'arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-1-405b-instruct-v1:0',
      },
    ],
    [
      'use the profile of a model that is not allowed',
      {
        action: 'bedrock:InvokeModel',
        resource: `arn:aws:bedrock:us-west-2:${ACCOUNT}:inference-profile/us.anthropic.claude-opus-4-20250514-v1:0`,
      },
    ],
    [
      "use another account's profile of an allowed model",
      {
        action: 'bedrock:InvokeModel',
        resource: 'arn:aws:bedrock:us-west-2:999988887777:inference-profile/us.amazon.nova-lite-v1:0',
      },
    ],
    [
      'invoke a custom (provisioned) model',
      { action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-west-2:${ACCOUNT}:provisioned-model/abc123` },
    ],
    ['read a foundation model in detail', { action: 'bedrock:GetFoundationModel', resource: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0' }],
    ['change invocation logging', { action: 'bedrock:PutModelInvocationLoggingConfiguration', resource: '*' }],
    ['delete a guardrail', { action: 'bedrock:DeleteGuardrail', resource: `arn:aws:bedrock:us-west-2:${ACCOUNT}:guardrail/abc123def456` }],
    // IAM and STS: no administration, no escalation.
    ['create a user', { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/mallory` }],
    ['create an access key', { action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${ACCOUNT}:user/mallory` }],
    ['widen its own role', { action: 'iam:PutRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }],
    ['attach a managed policy to its role', { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }],
    ['pass a role', { action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/${ROLE}` }],
    ['assume another role', { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/Admin` }],
    // Kendra: administration of the index, other indexes.
    ['describe the index', { action: 'kendra:DescribeIndex', resource: indexArn(EXISTING_INDEX) }],
    ['update the index', { action: 'kendra:UpdateIndex', resource: indexArn(EXISTING_INDEX) }],
    ['delete the index', { action: 'kendra:DeleteIndex', resource: indexArn(EXISTING_INDEX) }],
    ['create an index', { action: 'kendra:CreateIndex', resource: '*' }],
    ['list indexes', { action: 'kendra:ListIndices', resource: '*' }],
    ['add a data source', { action: 'kendra:CreateDataSource', resource: indexArn(EXISTING_INDEX) }],
    ['map principals (ACL groups)', { action: 'kendra:PutPrincipalMapping', resource: indexArn(EXISTING_INDEX) }],
    ['submit feedback', { action: 'kendra:SubmitFeedback', resource: indexArn(EXISTING_INDEX) }],
    ['clear query suggestions', { action: 'kendra:ClearQuerySuggestions', resource: indexArn(EXISTING_INDEX) }],
    ['query another index', { action: 'kendra:Query', resource: indexArn('11111111-2222-4333-8444-555555555555') }],
    ['retrieve from the same index id in another region', { action: 'kendra:Retrieve', resource: indexArn(EXISTING_INDEX, 'us-east-1') }],
    // Cognito: no pool administration.
    [
      'create users in the pool',
      { action: 'cognito-idp:AdminCreateUser', resource: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${REGION}_abc` },
    ],
  ];

  it.each(denied)('identity A may not %s', async (_name, req) => {
    expect(await sim.decide(req, A)).not.toBe('Allowed');
  });

  it('isolates in both directions: B may read its own items and objects but not A\'s', async () => {
    expect(await sim.decide({ action: 'dynamodb:Query', resource: tableArn, context: items([B]) }, B)).toBe('Allowed');
    expect(await sim.decide({ action: 's3:GetObject', resource: others('documents/d/x') }, B)).toBe('Allowed');
    expect(await sim.decide({ action: 'dynamodb:Query', resource: tableArn, context: items([A]) }, B)).toBe(
      'ImplicitlyDenied',
    );
    expect(await sim.decide({ action: 's3:GetObject', resource: own('documents/d/x') }, B)).toBe('ImplicitlyDenied');
  });
});

describe('browser role without Kendra', () => {
  it('has no Kendra permission at all', async () => {
    const s = synthesize({ kendra: 'none' });
    const main = templateJson(s.main);
    const sim = new RoleSimulator(rolePolicies([{ template: main, env: environmentFor(main, REGION) }], ROLE), principal, ACCOUNT);
    for (const action of ['kendra:Retrieve', 'kendra:Query', 'kendra:BatchPutDocument']) {
      expect(await sim.decide({ action, resource: indexArn(EXISTING_INDEX) }, A), action).toBe('ImplicitlyDenied');
    }
    expect(await sim.decide({ action: 's3:GetObject', resource: own('x') }, A)).toBe('Allowed');
  });
});

describe('browser role with an index created in another region', () => {
  it('gains the index calls from the index stack, on that index only', async () => {
    const s = synthesize({ kendra: 'create', kendraRegion: 'ap-northeast-1' });
    const main = templateJson(s.main);
    const index = templateJson(s.index!);
    const policies = rolePolicies(
      [
        { template: main, env: environmentFor(main, REGION) },
        { template: index, env: environmentFor(index, 'ap-northeast-1', CREATED_INDEX) },
      ],
      ROLE,
    );
    const sim = new RoleSimulator(policies, principal, ACCOUNT);
    expect(await sim.decide({ action: 'kendra:Retrieve', resource: indexArn(CREATED_INDEX) }, A)).toBe('Allowed');
    expect(await sim.decide({ action: 'kendra:BatchPutDocument', resource: indexArn(CREATED_INDEX) }, A)).toBe('Allowed');
    expect(await sim.decide({ action: 'kendra:DescribeIndex', resource: indexArn(CREATED_INDEX) }, A)).toBe(
      'ImplicitlyDenied',
    );
    expect(await sim.decide({ action: 'kendra:Query', resource: indexArn(EXISTING_INDEX) }, A)).toBe('ImplicitlyDenied');
    // The Kendra service role is not the browser's: its CloudWatch grants stay off the browser role.
    expect(
      await sim.decide({ action: 'logs:CreateLogGroup', resource: `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/aws/kendra/x` }, A),
    ).toBe('ImplicitlyDenied');
  });
});
