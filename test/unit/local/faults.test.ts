import { describe, expect, it } from 'vitest';
import { FaultRegistry, parseFaultSpec } from '../../../infra/local/faults.ts';
import { parseCredentialScope, pathOperation } from '../../../infra/local/routing.ts';

describe('injected faults', () => {
  it('are taken once per count and only by the matching service and operation', () => {
    const faults = new FaultRegistry();
    faults.add({ kind: 'throttle', service: 'bedrock', operation: 'InvokeModelWithResponseStream', count: 2 });
    expect(faults.takeForCall('dynamodb', 'Query')).toBeUndefined();
    expect(faults.takeForCall('bedrock', 'ListFoundationModels')).toBeUndefined();
    expect(faults.takeForCall('bedrock', 'InvokeModelWithResponseStream')?.kind).toBe('throttle');
    expect(faults.list()[0]?.remaining).toBe(1);
    expect(faults.takeForCall('bedrock', 'InvokeModelWithResponseStream')?.kind).toBe('throttle');
    expect(faults.takeForCall('bedrock', 'InvokeModelWithResponseStream')).toBeUndefined();
  });

  it('keeps stream cuts for the Bedrock stream, not for plain calls', () => {
    const faults = new FaultRegistry();
    faults.add({ kind: 'cut', service: 'bedrock', afterChunks: 3 });
    expect(faults.takeForCall('bedrock', 'InvokeModelWithResponseStream')).toBeUndefined();
    expect(faults.takeStreamCut()).toMatchObject({ afterChunks: 3 });
    expect(faults.takeStreamCut()).toBeUndefined();
  });

  it('keeps "still processing" answers for Kendra document status, not for plain calls', () => {
    const faults = new FaultRegistry();
    faults.add({ kind: 'processing', service: 'kendra', count: 2 });
    expect(faults.takeForCall('kendra', 'BatchGetDocumentStatus')).toBeUndefined();
    expect([faults.takeProcessing(), faults.takeProcessing(), faults.takeProcessing()]).toEqual([true, true, false]);
  });

  it.each([
    [{ kind: 'processing', service: 's3' }, /kendra only/],
    [{ kind: 'explode', service: 'bedrock' }, /kind must be/],
    [{ kind: 'throttle', service: 'sqs' }, /unknown service/],
    [{ kind: 'delay', service: 's3' }, /delayMs/],
    [{ kind: 'error', service: 's3', status: 404 }, /5xx/],
    [{ kind: 'throttle', service: 's3', count: 0 }, /positive integer/],
    [null, /JSON object/],
  ])('explain what is wrong with %j', (input, message) => {
    expect(parseFaultSpec(input)).toMatch(message);
  });
});

describe('routing', () => {
  it('reads the access key and signing name from a credential scope', () => {
    expect(parseCredentialScope('ASIAX/20261121/us-west-2/bedrock/aws4_request')).toEqual(['ASIAX', 'bedrock']);
    expect(parseCredentialScope('broken')).toBeUndefined();
  });

  it.each([
    ['bedrock', 'POST', '/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream', 'InvokeModelWithResponseStream'],
    ['bedrock', 'POST', '/model/x/invoke', 'InvokeModel'],
    ['bedrock', 'GET', '/foundation-models', 'ListFoundationModels'],
    ['s3', 'PUT', '/bucket/private/a/b.txt?partNumber=1&uploadId=u', 'UploadPart'],
    ['s3', 'GET', '/bucket?list-type=2', 'ListObjectsV2'],
    ['s3', 'DELETE', '/bucket/key', 'DeleteObject'],
  ] as const)('names %s %s %s as %s', (service, method, path, operation) => {
    expect(pathOperation(service, method, new URL(path, 'http://local'))).toBe(operation);
  });
});
