// The user's documents (S3) and everything else they own (one DynamoDB table), both keyed by the
// caller's identity-pool IdentityId so IAM alone keeps users apart.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { IDENTITY_ID } from './auth.ts';

export interface StorageProps {
  webOrigins: string[];
  /** Keep bucket and table (and their data) when the stack is destroyed. */
  retainData: boolean;
}

/** Item operations the app needs; no Scan, no transactions, no table administration. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** Object operations under the caller's prefix. AbortMultipartUpload lets a cancelled upload clean up. */
export const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];

export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.bucket = new s3.Bucket(this, 'Documents', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3 rather than KMS: the browser role then needs no kms:* permission.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      cors: [
        {
          allowedOrigins: props.webOrigins,
          allowedMethods: [
            s3.HttpMethods.GET,
            s3.HttpMethods.PUT,
            s3.HttpMethods.POST,
            s3.HttpMethods.DELETE,
            s3.HttpMethods.HEAD,
          ],
          allowedHeaders: ['*'],
          // lib-storage reads each part's ETag to complete a multipart upload.
          exposedHeaders: ['ETag', 'x-amz-request-id'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // No autoDeleteObjects: its Lambda would need `cdk bootstrap`; `npm run destroy -- --purge`
      // empties the bucket itself before deleting the stack.
      removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket per deployment; per-object audit is better served by CloudTrail S3 data events, which docs/DEPLOY.md describes.',
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.retainData,
      removalPolicy,
    });
  }

  /** Lets each identity reach only its own items (leading key) and its own prefix. */
  grantOwnData(role: iam.Role): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnItems',
        actions: TABLE_ACTIONS,
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDENTITY_ID] },
          // ForAllValues is true for an absent key; insist the request names a leading key at all.
          Null: { 'dynamodb:LeadingKeys': 'false' },
        },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListOwnPrefix',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`private/${IDENTITY_ID}/`, `private/${IDENTITY_ID}/*`] } },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnObjects',
        actions: OBJECT_ACTIONS,
        resources: [this.bucket.arnForObjects(`private/${IDENTITY_ID}/*`)],
      }),
    );
    Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.bucketLogicalIdHint()}.Arn>/private/<cognito-identity.amazonaws.com:sub>/*]`,
      reason:
        'The only wildcard is the part below the caller\'s own prefix private/${cognito-identity.amazonaws.com:sub}/; IAM substitutes the caller\'s IdentityId, so no one reaches another user\'s objects.',
    });
  }

  private bucketLogicalIdHint(): string {
    return Stack.of(this).resolve((this.bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
  }
}
