// The synthesized stacks: auth, storage, index and outputs are what the issue asks for.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { baseModelId, readSettings } from '../../infra/cdk/lib/settings.ts';
import { OUTPUT } from '../../infra/cdk/lib/stacks.ts';
import { EXISTING_INDEX, synthesize, templateJson } from './support/synth.ts';
import { logicalIdsOf } from './support/resolve.ts';

function allActions(t: ReturnType<typeof templateJson>): string[] {
  return Object.values(t.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe('auth', () => {
  const { template } = synthesize();

  it('signs in by email with self sign-up, verified email, a strong password policy and optional TOTP MFA', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('has one app client without a secret, allowing SRP, password and refresh flows', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: Match.absent(),
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('has an identity pool for authenticated users only, with one role', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
    });
    const attachment = Object.values(templateJson(synthesize().main).Resources).find(
      (r) => r.Type === 'AWS::Cognito::IdentityPoolRoleAttachment',
    );
    expect(Object.keys(attachment?.Properties?.Roles as object)).toEqual(['authenticated']);
  });

  it('trusts only authenticated identities of its own identity pool', () => {
    const [poolId] = logicalIdsOf(templateJson(synthesize().main), 'AWS::Cognito::IdentityPool');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      },
    });
  });

  it('grants exactly the Bedrock, DynamoDB and S3 actions the browser uses, and no Kendra without an index', () => {
    expect(new Set(allActions(templateJson(synthesize().main)))).toEqual(
      new Set([
        'bedrock:InvokeModel',
        'bedrock:InvokeModelWithResponseStream',
        'bedrock:ListFoundationModels',
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        's3:ListBucket',
        's3:GetObject',
        's3:PutObject',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
      ]),
    );
    template.resourceCountIs('AWS::Kendra::Index', 0);
  });

  it('allows each model in every region and through any geographic profile of this account', () => {
    const t = synthesize({ allowedModels: 'us.amazon.nova-pro-v1:0,anthropic.claude-3-5-haiku-20241022-v1:0', defaultModel: 'us.amazon.nova-pro-v1:0' });
    t.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'InvokeAllowedModels',
            Resource: [
              'arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0',
              'arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
              'arn:aws:bedrock:*:111122223333:inference-profile/*.amazon.nova-pro-v1:0',
              'arn:aws:bedrock:*:111122223333:inference-profile/*.anthropic.claude-3-5-haiku-20241022-v1:0',
            ],
          }),
        ]),
      },
    });
  });
});

describe('storage', () => {
  it('has a private, encrypted, TLS-only bucket with CORS for the web origins and multipart clean-up', () => {
    const { template } = synthesize({ webOrigins: 'https://chat.example.com,http://localhost:5173' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: ['https://chat.example.com', 'http://localhost:5173'],
            ExposedHeaders: Match.arrayWith(['ETag']),
            AllowedMethods: Match.arrayWith(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']),
          }),
        ],
      },
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has an on-demand table keyed pk/sk with point-in-time recovery and encryption', () => {
    const { template } = synthesize();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: Match.absent(),
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });

  it('retains bucket and table by default and deletes them only when asked', () => {
    const kept = synthesize();
    kept.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    kept.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    kept.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    const purged = synthesize({ retainData: 'false' });
    purged.template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
    purged.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    purged.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});

describe('index', () => {
  const tokenConfig = {
    JwtTokenTypeConfiguration: {
      KeyLocation: 'URL',
      URL: Match.anyValue(),
      UserNameAttributeField: 'cognito:username',
      GroupAttributeField: 'cognito:groups',
      Issuer: Match.absent(),
    },
  };

  it('creates an index with token access control in the stack when Kendra runs in the same region', () => {
    const { template } = synthesize({ region: 'ap-northeast-1', kendra: 'create', kendraRegion: 'ap-northeast-1' });
    template.hasResourceProperties('AWS::Kendra::Index', {
      Edition: 'DEVELOPER_EDITION',
      UserContextPolicy: 'USER_TOKEN',
      UserTokenConfigurations: [tokenConfig],
    });
    const url = JSON.stringify(
      Object.values(templateJson(synthesize({ region: 'ap-northeast-1', kendra: 'create' }).main).Resources).find(
        (r) => r.Type === 'AWS::Kendra::Index',
      )?.Properties?.UserTokenConfigurations,
    );
    expect(url).toContain('https://cognito-idp.ap-northeast-1.amazonaws.com/');
    expect(url).toContain('/.well-known/jwks.json');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'kendra.amazonaws.com' } })],
      },
    });
    template.hasOutput(OUTPUT.kendraIndexId, {});
  });

  it('puts a created index in its own stack in the Kendra region, granting the main role by name', () => {
    const s = synthesize({ kendra: 'create', kendraRegion: 'ap-northeast-1', kendraEdition: 'ENTERPRISE_EDITION' });
    expect(s.index?.region).toBe('ap-northeast-1');
    s.template.resourceCountIs('AWS::Kendra::Index', 0);
    s.indexTemplate?.hasResourceProperties('AWS::Kendra::Index', {
      Edition: 'ENTERPRISE_EDITION',
      UserContextPolicy: 'USER_TOKEN',
      UserTokenConfigurations: [tokenConfig],
    });
    const roleName = 'Seoyeon-ap-northeast-2-browser';
    s.template.hasResourceProperties('AWS::IAM::Role', { RoleName: roleName });
    s.indexTemplate?.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [roleName],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['kendra:Retrieve']) })] },
    });
    // The JWKS URL comes from the main stack through CloudFormation, not a Lambda-backed reader.
    expect(JSON.stringify(s.indexTemplate?.toJSON())).toContain('Fn::GetStackOutput');
    expect(Object.keys(templateJson(s.main).Resources).some((id) => /Lambda|Custom/.test(id))).toBe(false);
  });

  it('grants the five data-plane calls on an existing index and creates none', () => {
    const { template } = synthesize({ kendra: EXISTING_INDEX, kendraRegion: 'ap-northeast-1' });
    template.resourceCountIs('AWS::Kendra::Index', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Sid: 'UseOneIndex',
            Effect: 'Allow',
            Action: [
              'kendra:BatchPutDocument',
              'kendra:BatchDeleteDocument',
              'kendra:BatchGetDocumentStatus',
              'kendra:Retrieve',
              'kendra:Query',
            ],
            Resource: `arn:aws:kendra:ap-northeast-1:111122223333:index/${EXISTING_INDEX}`,
          },
        ],
      },
    });
    template.hasOutput(OUTPUT.kendraIndexId, { Value: EXISTING_INDEX });
    template.hasOutput(OUTPUT.kendraRegion, { Value: 'ap-northeast-1' });
  });
});

describe('outputs and settings', () => {
  it('outputs everything the runtime config needs', () => {
    const outputs = templateJson(synthesize({ bedrockRegion: 'ap-northeast-2' }).main).Outputs ?? {};
    for (const key of [
      OUTPUT.region,
      OUTPUT.userPoolId,
      OUTPUT.userPoolClientId,
      OUTPUT.identityPoolId,
      OUTPUT.bucket,
      OUTPUT.table,
      OUTPUT.bedrockRegion,
      OUTPUT.defaultModelId,
      OUTPUT.allowedModelIds,
    ]) {
      expect(outputs, key).toHaveProperty(key);
    }
    expect(outputs[OUTPUT.bedrockRegion]?.Value).toBe('ap-northeast-2');
    expect(outputs[OUTPUT.defaultModelId]?.Value).toBe('apac.amazon.nova-lite-v1:0');
  });

  it('synthesizes without an account (offline, no credentials)', () => {
    const s = synthesize({}, null);
    expect(JSON.stringify(s.template.toJSON())).toContain('"Ref":"AWS::AccountId"');
  });

  it('strips profile prefixes and ARNs down to the base model id', () => {
    expect(baseModelId('apac.anthropic.claude-sonnet-4-20250514-v1:0')).toBe('anthropic.claude-sonnet-4-20250514-v1:0');
    expect(baseModelId('global.amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
    expect(baseModelId('arn:aws:bedrock:us-west-2::foundation-model/meta.llama3-1-70b-instruct-v1:0')).toBe(
      'meta.llama3-1-70b-instruct-v1:0',
    );
  });

  it('rejects bad settings with every problem named', () => {
    const ctx: Record<string, unknown> = {
      allowedModels: 'amazon.nova-lite-v1:0',
      defaultModel: 'anthropic.claude-3-opus-20240229-v1:0',
      webOrigins: 'https://chat.example.com/app',
      kendra: 'sometimes',
    };
    expect(() => readSettings((k) => ctx[k])).toThrow(
      /defaultModel[\s\S]*not one of allowedModels[\s\S]*webOrigins[\s\S]*kendra must be/,
    );
    expect(() => readSettings((k) => ({ kendra: 'create', kendraEdition: 'GEN_AI_ENTERPRISE_EDITION' })[k])).toThrow(
      /kendraEdition/,
    );
  });
});
