// The Kendra index for document Q&A: either one this app creates, or one that already exists.
// Either way the browser role may only feed and search that one index.
import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kendra from 'aws-cdk-lib/aws-kendra';
import { Construct } from 'constructs';
import type { KendraEdition } from './settings.ts';

/** What the browser does with the index: feed it, check feeding, search it. No administration. */
export const INDEX_ACTIONS = [
  'kendra:BatchPutDocument',
  'kendra:BatchDeleteDocument',
  'kendra:BatchGetDocumentStatus',
  'kendra:Retrieve',
  'kendra:Query',
];

export function indexArn(scope: Construct, region: string, indexId: string): string {
  return `arn:aws:kendra:${region}:${Stack.of(scope).account}:index/${indexId}`;
}

/** Adds the index statement to the browser role (possibly a role of another stack, by name). */
export function grantIndexAccess(scope: Construct, role: iam.IRole, arn: string): iam.Policy {
  const policy = new iam.Policy(scope, 'BrowserIndexAccess', {
    statements: [new iam.PolicyStatement({ sid: 'UseOneIndex', actions: INDEX_ACTIONS, resources: [arn] })],
  });
  policy.attachToRole(role);
  return policy;
}

export interface CreatedIndexProps {
  edition: KendraEdition;
  /** The user pool's JWKS URL; Kendra verifies the id token sent as UserContext.Token against it. */
  jwksUrl: string;
}

export class CreatedIndex extends Construct {
  readonly index: kendra.CfnIndex;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CreatedIndexProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logGroups = `arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/kendra/*`;

    // Kendra's own role only writes its metrics and logs.
    this.role = new iam.Role(this, 'Role', {
      description: 'Amazon Kendra index: CloudWatch metrics and logs only',
      assumedBy: new iam.ServicePrincipal('kendra.amazonaws.com'),
      inlinePolicies: {
        CloudWatch: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['cloudwatch:PutMetricData'],
              resources: ['*'],
              conditions: { StringEquals: { 'cloudwatch:namespace': 'AWS/Kendra' } },
            }),
            new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: ['*'] }),
            new iam.PolicyStatement({ actions: ['logs:CreateLogGroup'], resources: [logGroups] }),
            new iam.PolicyStatement({
              actions: ['logs:DescribeLogStreams', 'logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [`${logGroups}:log-stream:*`],
            }),
          ],
        }),
      },
    });
    const flat = (s: string): string =>
      s
        .replace(stack.region, Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region)
        .replace(stack.account, Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:PutMetricData and logs:DescribeLogGroups have no resource-level permissions; PutMetricData is held to the AWS/Kendra namespace by condition (the policy the Kendra guide prescribes).',
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flat(logGroups)}]`,
      reason: 'Kendra names its own log groups under /aws/kendra/; the role reaches no other log group.',
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flat(logGroups)}:log-stream:*]`,
      reason: 'Kendra creates one log stream per sync and names it itself; only streams in /aws/kendra/ groups.',
    });

    this.index = new kendra.CfnIndex(this, 'Index', {
      name: `${stack.stackName}-documents`,
      description: 'Seoyeon document Q&A; per-user ACLs enforced with Cognito id tokens',
      edition: props.edition,
      roleArn: this.role.roleArn,
      userContextPolicy: 'USER_TOKEN',
      userTokenConfigurations: [
        {
          jwtTokenTypeConfiguration: {
            keyLocation: 'URL',
            url: props.jwksUrl,
            userNameAttributeField: 'cognito:username',
            groupAttributeField: 'cognito:groups',
            // No issuer: Kendra caps it at 65 characters and a Seoul user-pool issuer is longer.
          },
        },
      ],
    });
  }

  get indexId(): string {
    return this.index.attrId;
  }
}
