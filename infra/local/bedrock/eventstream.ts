// Binary framing of application/vnd.amazon.eventstream, as InvokeModelWithResponseStream sends it:
// prelude (total length, headers length, prelude CRC), string headers, payload, message CRC.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

const STRING_TYPE = 7;

export function encodeFrame(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    part.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(part, 1);
    part.writeUInt8(STRING_TYPE, 1 + nameBytes.length);
    part.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    valueBytes.copy(part, 4 + nameBytes.length);
    headerParts.push(part);
  }
  const headerBytes = Buffer.concat(headerParts);
  const total = 12 + headerBytes.length + payload.length + 4;
  const frame = Buffer.alloc(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(headerBytes.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headerBytes.copy(frame, 12);
  payload.copy(frame, 12 + headerBytes.length);
  frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
  return frame;
}

const PAD_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

// Real Bedrock pads each chunk with a random-length `p` so frame sizes do not reveal token lengths.
function padding(): string {
  const bytes = randomBytes(1 + (randomBytes(1)[0]! % 24));
  return [...bytes].map((b) => PAD_ALPHABET[b % PAD_ALPHABET.length]).join('');
}

/** A `chunk` event carrying one model JSON chunk, base64 in `bytes`. */
export function chunkFrame(modelChunk: unknown): Buffer {
  const bytes = Buffer.from(JSON.stringify(modelChunk), 'utf8').toString('base64');
  return encodeFrame(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify({ bytes, p: padding() }), 'utf8'),
  );
}

/** A Converse-style event: the member name as event type, its JSON directly as payload. */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeFrame(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    Buffer.from(JSON.stringify({ ...(payload as object), p: padding() }), 'utf8'),
  );
}

/** A modelled stream exception; `type` is the lower-camel union member name, e.g. throttlingException. */
export function exceptionFrame(type: string, body: Record<string, unknown>): Buffer {
  return encodeFrame(
    { ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(body), 'utf8'),
  );
}
