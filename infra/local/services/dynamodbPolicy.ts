// The deployed role allows item operations only where dynamodb:LeadingKeys is the caller's own
// identity id, and never Scan. This mirrors that check for credentials from the identity pool.

interface Caller {
  identityId: string;
  table: string;
}

type AttributeValue = { S?: string } & Record<string, unknown>;
type Item = Record<string, AttributeValue>;

const ITEM_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem']);

function deny(action: string, table: string, why: string): string {
  return `User is not authorized to perform: dynamodb:${action} on resource: table/${table} ${why}`;
}

/** Returns a denial message, or undefined when the role would allow the call. */
export function checkLeadingKeys(operation: string, body: Buffer, caller: Caller): string | undefined {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return undefined; // dynalite answers malformed JSON itself
  }
  if (!ITEM_OPERATIONS.has(operation)) {
    return deny(operation, String(input.TableName ?? '*'), 'because no identity-based policy allows the action');
  }
  const keysByTable: Array<[string, Array<string | undefined>]> = [];
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      keysByTable.push([String(input.TableName), [(input.Key as Item | undefined)?.pk?.S]]);
      break;
    case 'PutItem':
      keysByTable.push([String(input.TableName), [(input.Item as Item | undefined)?.pk?.S]]);
      break;
    case 'Query':
      keysByTable.push([String(input.TableName), [queriedPartition(input)]]);
      break;
    case 'BatchGetItem':
      for (const [table, request] of Object.entries((input.RequestItems ?? {}) as Record<string, { Keys?: Item[] }>)) {
        keysByTable.push([table, (request.Keys ?? []).map((k) => k.pk?.S)]);
      }
      break;
    case 'BatchWriteItem':
      for (const [table, writes] of Object.entries((input.RequestItems ?? {}) as Record<string, Array<Record<string, { Item?: Item; Key?: Item }>>>)) {
        keysByTable.push([table, writes.map((w) => (w.PutRequest?.Item ?? w.DeleteRequest?.Key)?.pk?.S)]);
      }
      break;
  }
  for (const [table, keys] of keysByTable) {
    if (table !== caller.table) return deny(operation, table, 'because no identity-based policy allows the action on this table');
    if (keys.some((k) => k !== caller.identityId)) {
      return deny(operation, table, 'because dynamodb:LeadingKeys is not the caller\'s own identity id');
    }
  }
  return undefined;
}

/** The partition key value a Query's KeyConditionExpression binds (`pk = :v` or `#n = :v`). */
function queriedPartition(input: Record<string, unknown>): string | undefined {
  const expression = String(input.KeyConditionExpression ?? '');
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  for (const clause of expression.split(/\s+and\s+/i)) {
    const match = /^\(?\s*([#\w]+)\s*=\s*(:\w+)\s*\)?$/.exec(clause.trim());
    if (!match) continue;
    const [, nameToken, valueToken] = match as unknown as [string, string, string];
    const name = nameToken.startsWith('#') ? names[nameToken] : nameToken;
    if (name === 'pk') return values[valueToken]?.S;
  }
  return undefined;
}
