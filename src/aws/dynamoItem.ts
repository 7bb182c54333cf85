// Plain JSON values ⇄ DynamoDB AttributeValues. Our items hold only strings, finite numbers,
// booleans and nested lists/maps of them, so a few dozen lines replace @aws-sdk/lib-dynamodb (and
// keep its extra bundle weight out of the browser). Sets and binary are never written by the app.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AppError } from '../domain/errors.ts';

export type Item = Record<string, AttributeValue>;

/** Undefined fields are left out, as JSON.stringify would, so optional domain fields round-trip. */
export function marshal(value: unknown): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('validation', { message: `cannot store the number ${value}` });
    return { N: String(value) };
  }
  if (Array.isArray(value)) return { L: value.map((v) => marshal(v) ?? { NULL: true }) };
  if (typeof value === 'object') return { M: marshalFields(value as Record<string, unknown>) };
  throw new AppError('validation', { message: `cannot store a ${typeof value}` });
}

export function marshalFields(fields: Record<string, unknown>): Item {
  const item: Item = {};
  for (const [key, value] of Object.entries(fields)) {
    const attribute = marshal(value);
    if (attribute) item[key] = attribute;
  }
  return item;
}

export function unmarshal(attribute: AttributeValue): unknown {
  if (attribute.S !== undefined) return attribute.S;
  if (attribute.N !== undefined) return Number(attribute.N);
  if (attribute.BOOL !== undefined) return attribute.BOOL;
  if (attribute.NULL !== undefined) return null;
  if (attribute.L !== undefined) return attribute.L.map(unmarshal);
  if (attribute.M !== undefined) return unmarshalFields(attribute.M);
  throw new AppError('invalid-response', { message: 'an item holds a DynamoDB type the app never writes' });
}

export function unmarshalFields(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, attribute] of Object.entries(item)) out[key] = unmarshal(attribute);
  return out;
}

/**
 * Reads an item back into a domain object. Items are written only by this app, so the check is
 * for the fields every reader relies on; a damaged item is an error, not a silently wrong value.
 */
export function readItem<T>(item: Item, required: ReadonlyArray<keyof T & string>): T {
  const { pk: _pk, sk: _sk, itemType: _itemType, ...fields } = unmarshalFields(item);
  for (const key of required) {
    if (fields[key] === undefined || fields[key] === null) {
      throw new AppError('invalid-response', { message: `stored item ${item.sk?.S ?? '?'} has no ${key}` });
    }
  }
  return fields as T;
}
