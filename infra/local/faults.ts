// Injected failures for tests: POST /_local/faults adds one, DELETE /_local/faults clears them all.
import type { ServiceName } from './services/types.ts';

export type StreamException =
  | 'throttlingException'
  | 'modelStreamErrorException'
  | 'internalServerException'
  | 'serviceUnavailableException'
  | 'modelTimeoutException';

export type FaultSpec =
  /** Answer the next `count` matching calls with the service's own throttling error. */
  | { kind: 'throttle'; service: ServiceName; operation?: string; count?: number }
  /** Answer the next `count` matching calls with a 5xx error. */
  | { kind: 'error'; service: ServiceName; operation?: string; count?: number; status?: number }
  /** Hold the next `count` matching calls for `delayMs` before handling them. */
  | { kind: 'delay'; service: ServiceName; operation?: string; count?: number; delayMs: number }
  /**
   * End the next `count` Bedrock streams after `afterChunks` chunks: with an exception frame of
   * the given type, or, when `exception` is omitted, by dropping the connection.
   */
  | { kind: 'cut'; service: 'bedrock'; afterChunks: number; exception?: StreamException; count?: number }
  /**
   * Answer the next `count` BatchGetDocumentStatus calls with PROCESSING for documents that are
   * in the index, as Kendra does for a while after BatchPutDocument (the local index is instant).
   */
  | { kind: 'processing'; service: 'kendra'; count?: number };

interface Armed {
  spec: FaultSpec;
  remaining: number;
}

const KINDS = new Set(['throttle', 'error', 'delay', 'cut', 'processing']);
const SERVICES = new Set(['dynamodb', 's3', 'cognito-idp', 'cognito-identity', 'bedrock', 'kendra']);

export class FaultRegistry {
  private armed: Armed[] = [];

  add(spec: FaultSpec): void {
    this.armed.push({ spec, remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Array<FaultSpec & { remaining: number }> {
    return this.armed.map((a) => ({ ...a.spec, remaining: a.remaining }));
  }

  /** Take the first armed throttle/error/delay fault that matches this call. */
  takeForCall(service: ServiceName, operation: string): Exclude<FaultSpec, { kind: 'cut' | 'processing' }> | undefined {
    const found = this.armed.find(
      (a) =>
        a.spec.kind !== 'cut' &&
        a.spec.kind !== 'processing' &&
        a.spec.service === service &&
        (a.spec.operation === undefined || a.spec.operation === operation),
    );
    if (!found) return undefined;
    this.consume(found);
    return found.spec as Exclude<FaultSpec, { kind: 'cut' | 'processing' }>;
  }

  /** Take an armed stream cut for the next Bedrock stream, if any. */
  takeStreamCut(): Extract<FaultSpec, { kind: 'cut' }> | undefined {
    const found = this.armed.find((a) => a.spec.kind === 'cut');
    if (!found) return undefined;
    this.consume(found);
    return found.spec as Extract<FaultSpec, { kind: 'cut' }>;
  }

  /** Take an armed "still processing" answer for the next BatchGetDocumentStatus, if any. */
  takeProcessing(): boolean {
    const found = this.armed.find((a) => a.spec.kind === 'processing');
    if (!found) return false;
    this.consume(found);
    return true;
  }

  private consume(armed: Armed): void {
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed = this.armed.filter((a) => a !== armed);
  }
}

/** Validate a fault posted by a test; returns an error message or the spec. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'fault must be a JSON object';
  const o = input as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !KINDS.has(o.kind)) return 'kind must be one of throttle, error, delay, cut, processing';
  if (typeof o.service !== 'string' || !SERVICES.has(o.service)) return `unknown service: ${String(o.service)}`;
  if (o.count !== undefined && (!Number.isInteger(o.count) || (o.count as number) < 1)) {
    return 'count must be a positive integer';
  }
  if (o.kind === 'delay' && (typeof o.delayMs !== 'number' || o.delayMs < 0)) return 'delay needs delayMs >= 0';
  if (o.kind === 'cut') {
    if (o.service !== 'bedrock') return 'cut applies to bedrock streams only';
    if (!Number.isInteger(o.afterChunks) || (o.afterChunks as number) < 0) return 'cut needs afterChunks >= 0';
  }
  if (o.kind === 'processing' && o.service !== 'kendra') return 'processing applies to kendra only';
  if (o.kind === 'error' && o.status !== undefined && (typeof o.status !== 'number' || o.status < 500 || o.status > 599)) {
    return 'error status must be 5xx';
  }
  return o as unknown as FaultSpec;
}
