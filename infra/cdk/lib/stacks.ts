// The app's stacks. SeoyeonStack composes auth, storage and (when Kendra runs in the same region, or
// an existing index is used) the index. Kendra is not offered in every region (not in Seoul), so an
// index created elsewhere lives in a small IndexStack in the Kendra region, which reads the user
// pool and role from SeoyeonStack through CloudFormation's own Fn::GetStackOutput (no Lambda).
import {
  BootstraplessSynthesizer,
  CfnOutput,
  CrossStackReferences,
  ReferenceStrength,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { App, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Auth } from './auth.ts';
import { CreatedIndex, grantIndexAccess, indexArn } from './searchIndex.ts';
import type { KendraEdition, SeoyeonSettings } from './settings.ts';
import { Storage } from './storage.ts';

/** Output keys; scripts/deploy.ts turns them into public/config.json. */
export const OUTPUT = {
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  identityPoolId: 'IdentityPoolId',
  bucket: 'BucketName',
  table: 'TableName',
  bedrockRegion: 'BedrockRegion',
  defaultModelId: 'DefaultModelId',
  allowedModelIds: 'AllowedModelIds',
  kendraIndexId: 'KendraIndexId',
  kendraRegion: 'KendraRegion',
  authenticatedRoleArn: 'AuthenticatedRoleArn',
} as const;

export interface SeoyeonStackProps extends StackProps {
  settings: SeoyeonSettings;
}

export class SeoyeonStack extends Stack {
  readonly auth: Auth;
  readonly storage: Storage;
  readonly index?: CreatedIndex;

  constructor(scope: Construct, id: string, props: SeoyeonStackProps) {
    super(scope, id, props);
    const s = props.settings;
    this.auth = new Auth(this, 'Auth', { allowedModelIds: s.allowedModelIds });
    this.storage = new Storage(this, 'Storage', { webOrigins: s.webOrigins, retainData: s.retainData });
    this.storage.grantOwnData(this.auth.authenticatedRole);

    const out = (key: string, value: string, description: string): CfnOutput =>
      new CfnOutput(this, key, { value, description });
    out(OUTPUT.region, this.region, 'Region of Cognito, S3 and DynamoDB');
    out(OUTPUT.userPoolId, this.auth.userPool.userPoolId, 'Cognito user pool id');
    out(OUTPUT.userPoolClientId, this.auth.client.userPoolClientId, 'App client id (no secret)');
    out(OUTPUT.identityPoolId, this.auth.identityPool.ref, 'Cognito identity pool id');
    out(OUTPUT.bucket, this.storage.bucket.bucketName, 'Documents bucket');
    out(OUTPUT.table, this.storage.table.tableName, 'DynamoDB table');
    out(OUTPUT.bedrockRegion, s.bedrockRegion, 'Region the browser calls Bedrock in');
    out(OUTPUT.defaultModelId, s.defaultModelId, 'Model the UI selects first');
    out(OUTPUT.allowedModelIds, s.allowedModelIds.join(','), 'Models the browser role may invoke');
    out(OUTPUT.authenticatedRoleArn, this.auth.authenticatedRole.roleArn, 'Role of signed-in browser users');

    const k = s.kendra;
    if (k.mode === 'existing') {
      grantIndexAccess(this, this.auth.authenticatedRole, indexArn(this, k.region, k.indexId));
      out(OUTPUT.kendraIndexId, k.indexId, 'Kendra index (existing)');
      out(OUTPUT.kendraRegion, k.region, 'Kendra region');
    } else if (k.mode === 'create' && k.region === this.region) {
      this.index = new CreatedIndex(this, 'Index', { edition: k.edition, jwksUrl: this.auth.jwksUrl });
      grantIndexAccess(this, this.auth.authenticatedRole, indexArn(this, k.region, this.index.indexId));
      out(OUTPUT.kendraIndexId, this.index.indexId, 'Kendra index (created)');
      out(OUTPUT.kendraRegion, k.region, 'Kendra region');
    }
  }
}

export interface IndexStackProps extends StackProps {
  edition: KendraEdition;
  jwksUrl: string;
  authenticatedRoleName: string;
}

/** A created Kendra index in a region other than the main stack's. */
export class IndexStack extends Stack {
  readonly index: CreatedIndex;

  constructor(scope: Construct, id: string, props: IndexStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.WEAK);
    this.index = new CreatedIndex(this, 'Index', { edition: props.edition, jwksUrl: props.jwksUrl });
    // IAM is global: this stack attaches the index statement to the main stack's browser role.
    const role = iam.Role.fromRoleName(this, 'BrowserRole', props.authenticatedRoleName);
    grantIndexAccess(this, role, indexArn(this, this.region, this.index.indexId));
    new CfnOutput(this, OUTPUT.kendraIndexId, { value: this.index.indexId, description: 'Kendra index (created)' });
    new CfnOutput(this, OUTPUT.kendraRegion, { value: this.region, description: 'Kendra region' });
  }
}

export interface SeoyeonApp {
  main: SeoyeonStack;
  index?: IndexStack;
}

/**
 * Builds every stack for the settings and registers cdk-nag's AwsSolutions pack, so `cdk synth`
 * fails on any unacknowledged finding. `account` may be undefined: synth then works offline.
 * The stacks have no file assets, so they deploy without `cdk bootstrap` (templates go straight
 * to CloudFormation with the caller's credentials).
 */
export function buildApp(app: App, settings: SeoyeonSettings, account?: string): SeoyeonApp {
  const main = new SeoyeonStack(app, settings.stackName, {
    env: { account, region: settings.region },
    synthesizer: new BootstraplessSynthesizer(),
    description: 'Seoyeon: Cognito, S3 and DynamoDB for the browser-only chatbot',
    settings,
  });
  let index: IndexStack | undefined;
  const k = settings.kendra;
  if (k.mode === 'create' && k.region !== settings.region) {
    index = new IndexStack(app, `${settings.stackName}Index`, {
      env: { account, region: k.region },
      synthesizer: new BootstraplessSynthesizer(),
      description: 'Seoyeon: Kendra index for document Q&A',
      edition: k.edition,
      jwksUrl: main.auth.jwksUrl,
      authenticatedRoleName: main.auth.authenticatedRole.roleName,
    });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return index ? { main, index } : { main };
}
