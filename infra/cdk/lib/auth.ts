// Sign-in (user pool + app client) and the identity pool whose authenticated role is everything the
// browser may do. Storage and index add their own statements to that role through grant methods.
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface AuthProps {
  /** Base model ids the browser may invoke, directly or through any geographic inference profile. */
  allowedModelIds: string[];
}

/** The policy variable IAM fills with the caller's identity-pool IdentityId (`region:uuid`). */
export const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly identityPool: cognito.CfnIdentityPool;
  readonly authenticatedRole: iam.Role;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      // A changed email takes effect only once verified, so sign-in never breaks on a typo.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional by design (the issue asks for optional TOTP MFA): a consumer chat app where each user guards only their own data; users can turn TOTP on.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan is billed per monthly active user; this app ships on Essentials and the deployment guide names Plus as an upgrade for threat protection.',
    });

    this.client = this.userPool.addClient('WebClient', {
      // A browser cannot keep a secret.
      generateSecret: false,
      // The SPA signs in with the SDK, not the hosted UI, so no OAuth flows or callback URLs.
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    this.identityPool = new cognito.CfnIdentityPool(this, 'IdentityPool', {
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      cognitoIdentityProviders: [
        {
          clientId: this.client.userPoolClientId,
          providerName: this.userPool.userPoolProviderName,
          serverSideTokenCheck: true,
        },
      ],
    });

    this.authenticatedRole = new iam.Role(this, 'AuthenticatedRole', {
      description: 'Seoyeon browser users (Cognito identity pool, authenticated only)',
      // A Kendra index in another region attaches its statement to this role by this name.
      roleName: `${Stack.of(this).stackName}-${Stack.of(this).region}-browser`.slice(0, 64),
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.FederatedPrincipal(
        'cognito-identity.amazonaws.com',
        {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': this.identityPool.ref },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });

    new cognito.CfnIdentityPoolRoleAttachment(this, 'RoleAttachment', {
      identityPoolId: this.identityPool.ref,
      roles: { authenticated: this.authenticatedRole.roleArn },
    });

    this.grantBedrock(props.allowedModelIds);
  }

  /** The JWKS URL Kendra uses to verify the user pool's id tokens. */
  get jwksUrl(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}/.well-known/jwks.json`;
  }

  private grantBedrock(modelIds: string[]): void {
    const account = Stack.of(this).account;
    // Cross-region inference profiles route to any region of their geography, so the foundation
    // model must be allowed in every region; the profile itself lives in the caller's account.
    const modelArns = modelIds.map((m) => `arn:aws:bedrock:*::foundation-model/${m}`);
    const profileArns = modelIds.map((m) => `arn:aws:bedrock:*:${account}:inference-profile/*.${m}`);
    this.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeAllowedModels',
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [...modelArns, ...profileArns],
      }),
    );
    this.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListModels',
        actions: ['bedrock:ListFoundationModels'],
        // ListFoundationModels has no resource type; IAM accepts only "*".
        resources: ['*'],
      }),
    );
    const policy = this.authenticatedRole.node.findChild('DefaultPolicy');
    const why =
      'Bedrock: the region part is * because a cross-region inference profile may run the model in any region of its geography (required by Bedrock); the model id itself is fixed.';
    for (const arn of modelArns) {
      Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${arn}]`, reason: why });
    }
    // cdk-nag names a finding by the flattened resource string; an unresolved account reads <AWS::AccountId>.
    const accountLabel = Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
    for (const m of modelIds) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:aws:bedrock:*:${accountLabel}:inference-profile/*.${m}]`,
        reason: `${why} The profile prefix (us./eu./apac./global.) is * so any system profile for this one model works.`,
      });
    }
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'bedrock:ListFoundationModels supports no resource-level permission; "*" is the only valid resource.',
    });
  }
}
