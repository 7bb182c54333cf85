import { describe, expect, it } from 'vitest';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { chunkFrame, encodeFrame, eventFrame, exceptionFrame } from '../../../infra/local/bedrock/eventstream.ts';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

describe('event-stream encoder', () => {
  it('is byte-identical to the Smithy codec', () => {
    const headers = { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' };
    const body = Buffer.from(JSON.stringify({ bytes: Buffer.from('{"outputText":"Hi","index":0}').toString('base64') }));
    const ours = encodeFrame(headers, body);
    const theirs = codec.encode({
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: 'string' as const, value: v }])),
      body: new Uint8Array(body),
    });
    expect(Buffer.from(theirs).equals(ours)).toBe(true);
    expect(ours.length).toBe(143);
    expect(ours.subarray(0, 12).toString('hex')).toBe('0000008f0000004bb79a6032');
  });

  it('wraps a model chunk as base64 bytes with random padding', () => {
    const decoded = codec.decode(chunkFrame({ type: 'message_stop', text: '안녕' }));
    expect(Object.fromEntries(Object.entries(decoded.headers).map(([k, v]) => [k, v.value]))).toEqual({
      ':event-type': 'chunk',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    const payload = JSON.parse(toUtf8(decoded.body)) as { bytes: string; p: string };
    expect(JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'))).toEqual({ type: 'message_stop', text: '안녕' });
    expect(payload.p).toMatch(/^[a-zA-Z0-9]{1,24}$/);
  });

  it('writes Converse-style events with the payload inline', () => {
    const decoded = codec.decode(eventFrame('messageStart', { role: 'assistant' }));
    expect(decoded.headers[':event-type']?.value).toBe('messageStart');
    expect(JSON.parse(toUtf8(decoded.body))).toMatchObject({ role: 'assistant' });
  });

  it('writes modelled exceptions with the lower-camel exception type', () => {
    const decoded = codec.decode(exceptionFrame('modelStreamErrorException', { message: 'boom', originalStatusCode: 500 }));
    expect(decoded.headers[':message-type']?.value).toBe('exception');
    expect(decoded.headers[':exception-type']?.value).toBe('modelStreamErrorException');
    expect(JSON.parse(toUtf8(decoded.body))).toEqual({ message: 'boom', originalStatusCode: 500 });
  });
});
