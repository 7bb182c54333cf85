import { describe, expect, it } from 'vitest';
import { checkLeadingKeys } from '../../../infra/local/services/dynamodbPolicy.ts';
import { checkPrefix } from '../../../infra/local/services/s3Policy.ts';
import type { RequestInfo } from '../../../infra/local/services/types.ts';

const caller = { identityId: 'ap-northeast-2:aaa', table: 'seoyeon-local' };
const body = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('the DynamoDB leading-key rule', () => {
  it.each([
    ['GetItem', { TableName: 'seoyeon-local', Key: { pk: { S: caller.identityId }, sk: { S: 'CONV#1' } } }],
    ['PutItem', { TableName: 'seoyeon-local', Item: { pk: { S: caller.identityId }, sk: { S: 'CONV#1' } } }],
    ['Query', { TableName: 'seoyeon-local', KeyConditionExpression: '#p = :v AND begins_with(sk, :s)', ExpressionAttributeNames: { '#p': 'pk' }, ExpressionAttributeValues: { ':v': { S: caller.identityId }, ':s': { S: 'MSG#' } } }],
    ['BatchWriteItem', { RequestItems: { 'seoyeon-local': [{ DeleteRequest: { Key: { pk: { S: caller.identityId }, sk: { S: 'x' } } } }] } }],
  ])('allows %s on the caller\'s own key', (operation, input) => {
    expect(checkLeadingKeys(operation, body(input), caller)).toBeUndefined();
  });

  it.each([
    ['GetItem', { TableName: 'seoyeon-local', Key: { pk: { S: 'ap-northeast-2:bbb' }, sk: { S: 'CONV#1' } } }, /LeadingKeys/],
    ['Query', { TableName: 'seoyeon-local', KeyConditionExpression: 'pk = :v', ExpressionAttributeValues: { ':v': { S: 'ap-northeast-2:bbb' } } }, /LeadingKeys/],
    ['Query', { TableName: 'seoyeon-local', KeyConditionExpression: 'sk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }, /LeadingKeys/],
    ['Scan', { TableName: 'seoyeon-local' }, /dynamodb:Scan/],
    ['PutItem', { TableName: 'other', Item: { pk: { S: caller.identityId } } }, /this table/],
    ['BatchWriteItem', { RequestItems: { 'seoyeon-local': [{ PutRequest: { Item: { pk: { S: caller.identityId } } } }, { PutRequest: { Item: { pk: { S: 'ap-northeast-2:bbb' } } } }] } }, /LeadingKeys/],
    ['DeleteTable', { TableName: 'seoyeon-local' }, /DeleteTable/],
  ])('denies %s outside the rule', (operation, input, reason) => {
    expect(checkLeadingKeys(operation, body(input), caller)).toMatch(reason);
  });
});

describe('the S3 prefix rule', () => {
  const info = (method: string, path: string): RequestInfo => ({
    service: 's3',
    operation: 'x',
    method,
    url: new URL(path, 'http://local'),
    identityId: caller.identityId,
  });
  const own = `private/${encodeURIComponent(caller.identityId)}`;

  it('allows objects and listings under private/<identityId>/', () => {
    expect(checkPrefix(info('PUT', `/seoyeon-local/${own}/documents/d1/a.pdf`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('GET', `/seoyeon-local?list-type=2&prefix=${own}/documents/`), 'seoyeon-local')).toBeUndefined();
  });

  it('denies another identity, other buckets and bare listings', () => {
    expect(checkPrefix(info('GET', '/seoyeon-local/private/ap-northeast-2:bbb/a.txt'), 'seoyeon-local')).toMatch(/only under/);
    expect(checkPrefix(info('GET', `/other-bucket/${own}/a.txt`), 'seoyeon-local')).toMatch(/only bucket/);
    expect(checkPrefix(info('GET', '/seoyeon-local?list-type=2'), 'seoyeon-local')).toMatch(/listed with the prefix/);
    expect(checkPrefix(info('DELETE', '/seoyeon-local'), 'seoyeon-local')).toMatch(/does not allow s3:DeleteBucket/);
  });

  it('allows the multipart calls lib-storage makes, and only those', () => {
    const key = `/seoyeon-local/${own}/documents/d1/big.pdf`;
    expect(checkPrefix(info('POST', `${key}?uploads`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('PUT', `${key}?partNumber=2&uploadId=abc`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('POST', `${key}?uploadId=abc`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('DELETE', `${key}?uploadId=abc`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('GET', `${key}?uploadId=abc`), 'seoyeon-local')).toMatch(/s3:ListMultipartUploadParts/);
    expect(checkPrefix(info('GET', `/seoyeon-local?uploads&prefix=${own}/`), 'seoyeon-local')).toMatch(/s3:ListBucketMultipartUploads/);
  });

  it('allows a presigned GET with response overrides, and denies ACLs, tags, batch deletes and copies from others', () => {
    const key = `/seoyeon-local/${own}/documents/d1/a.pdf`;
    expect(checkPrefix(info('GET', `${key}?response-content-type=application%2Fpdf&X-Amz-Expires=900`), 'seoyeon-local')).toBeUndefined();
    expect(checkPrefix(info('PUT', `${key}?acl`), 'seoyeon-local')).toMatch(/s3:PutObjectAcl/);
    expect(checkPrefix(info('PUT', `${key}?tagging`), 'seoyeon-local')).toMatch(/s3:PutObjectTagging/);
    expect(checkPrefix(info('POST', '/seoyeon-local?delete'), 'seoyeon-local')).toMatch(/DeleteObjects/);
    expect(checkPrefix(info('PUT', key), 'seoyeon-local', `/seoyeon-local/${own}/documents/d0/b.pdf`)).toBeUndefined();
    expect(checkPrefix(info('PUT', key), 'seoyeon-local', '/seoyeon-local/private/ap-northeast-2:bbb/b.pdf')).toMatch(/copy/);
  });
});
