import { describe, expect, it } from 'vitest';
import { marshal, marshalFields, readItem, unmarshalFields } from '../../../src/aws/dynamoItem.ts';
import { decodeCursor, encodeCursor } from '../../../src/aws/dynamoPartition.ts';
import { AppError } from '../../../src/domain/errors.ts';

describe('marshalling', () => {
  it.each([
    ['a string', '판교', { S: '판교' }],
    ['an empty string', '', { S: '' }],
    ['a number', 12.5, { N: '12.5' }],
    ['zero', 0, { N: '0' }],
    ['a boolean', false, { BOOL: false }],
    ['null', null, { NULL: true }],
    ['a list', ['a', 1], { L: [{ S: 'a' }, { N: '1' }] }],
    ['a map', { inputTokens: 3 }, { M: { inputTokens: { N: '3' } } }],
  ])('writes %s', (_what, value, attribute) => {
    expect(marshal(value)).toEqual(attribute);
  });

  it('leaves undefined fields out, at the top and inside maps', () => {
    expect(marshalFields({ a: 'x', b: undefined, c: { d: undefined, e: 1 } })).toEqual({ a: { S: 'x' }, c: { M: { e: { N: '1' } } } });
  });

  it('round-trips a message with nested citations', () => {
    const value = {
      text: '서연의 사무실은 판교에 있어요.',
      usage: { inputTokens: 120, outputTokens: 14 },
      citations: [{ index: 1, title: '소개.pdf', page: 2 }],
      empty: [],
      flag: true,
    };
    expect(unmarshalFields(marshalFields(value))).toEqual(value);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a function', () => 1],
  ])('refuses %s', (_what, value) => {
    expect(() => marshal(value)).toThrow(AppError);
  });
});

describe('readItem', () => {
  it('drops the key and item type attributes', () => {
    const item = { pk: { S: 'p' }, sk: { S: 'CONV#1' }, itemType: { S: 'conversation' }, id: { S: '1' }, kind: { S: 'chat' } };
    expect(readItem<{ id: string; kind: string }>(item, ['id'])).toEqual({ id: '1', kind: 'chat' });
  });

  it('throws invalid-response when a required field is missing', () => {
    expect(() => readItem<{ id: string }>({ sk: { S: 'CONV#1' } }, ['id'])).toThrow(
      expect.objectContaining({ code: 'invalid-response' }),
    );
  });
});

describe('cursors', () => {
  it('round-trips Korean text and is URL-safe', () => {
    const value = { updatedAt: '2026-11-21T09:00:00.000Z', id: '대화?/+' };
    const cursor = encodeCursor(value);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(value);
  });

  it('rejects a cursor it did not make', () => {
    expect(() => decodeCursor('%%%')).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});
