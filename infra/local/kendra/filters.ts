// Kendra's AttributeFilter, its language default, and token-based ACL visibility.
import { KendraError } from './errors.ts';

export interface AttributeValue {
  StringValue?: string;
  StringListValue?: string[];
  LongValue?: number;
  /** Epoch seconds, as the JSON protocol carries timestamps. */
  DateValue?: number;
}

export interface DocumentAttribute {
  Key: string;
  Value: AttributeValue;
}

export interface Principal {
  Name: string;
  Type: 'USER' | 'GROUP';
  Access: 'ALLOW' | 'DENY';
  DataSourceId?: string;
}

export interface AttributeFilter {
  AndAllFilters?: AttributeFilter[];
  OrAllFilters?: AttributeFilter[];
  NotFilter?: AttributeFilter;
  EqualsTo?: DocumentAttribute;
  ContainsAll?: DocumentAttribute;
  ContainsAny?: DocumentAttribute;
  GreaterThan?: DocumentAttribute;
  GreaterThanOrEquals?: DocumentAttribute;
  LessThan?: DocumentAttribute;
  LessThanOrEquals?: DocumentAttribute;
}

export const LANGUAGE_KEY = '_language_code';
export const DEFAULT_LANGUAGE = 'en';

const VALUE_MEMBERS = ['StringValue', 'StringListValue', 'LongValue', 'DateValue'] as const;

/** Checks a DocumentAttributeValue has exactly one member of the right JSON type; returns a problem or null. */
export function valueProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'must be an object';
  const present = VALUE_MEMBERS.filter((m) => (value as Record<string, unknown>)[m] !== undefined);
  if (present.length !== 1) return 'must have exactly one of StringValue, StringListValue, LongValue, DateValue';
  const v = value as AttributeValue;
  if (v.StringValue !== undefined && typeof v.StringValue !== 'string') return 'StringValue must be a string';
  if (v.StringListValue !== undefined && !(Array.isArray(v.StringListValue) && v.StringListValue.every((s) => typeof s === 'string'))) {
    return 'StringListValue must be a list of strings';
  }
  if (v.LongValue !== undefined && !Number.isInteger(v.LongValue)) return 'LongValue must be an integer';
  if (v.DateValue !== undefined && typeof v.DateValue !== 'number') return 'DateValue must be a timestamp';
  return null;
}

const LEAVES = ['EqualsTo', 'ContainsAll', 'ContainsAny', 'GreaterThan', 'GreaterThanOrEquals', 'LessThan', 'LessThanOrEquals'] as const;
const BRANCHES = ['AndAllFilters', 'OrAllFilters', 'NotFilter'] as const;

/** Throws ValidationException for a filter Kendra would refuse. */
export function validateFilter(filter: unknown, path = 'attributeFilter', depth = 0): void {
  if (depth > 10) throw KendraError.validation(`${path} is nested too deeply.`);
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) throw KendraError.validation(`${path} must be an object.`);
  const f = filter as Record<string, unknown>;
  const used = [...LEAVES, ...BRANCHES].filter((k) => f[k] !== undefined);
  if (used.length !== 1) throw KendraError.validation(`${path} must set exactly one filter operator, found ${used.length}.`);
  const op = used[0]!;
  if (op === 'AndAllFilters' || op === 'OrAllFilters') {
    const list = f[op];
    if (!Array.isArray(list) || list.length === 0) throw KendraError.validation(`${path}.${op} must be a non-empty list.`);
    list.forEach((child, i) => validateFilter(child, `${path}.${op}.${i + 1}.member`, depth + 1));
    return;
  }
  if (op === 'NotFilter') return validateFilter(f.NotFilter, `${path}.notFilter`, depth + 1);
  const leaf = f[op] as Partial<DocumentAttribute> | undefined;
  if (!leaf || typeof leaf.Key !== 'string' || leaf.Key.length === 0 || leaf.Key.length > 200) {
    throw KendraError.validation(`${path}.${op}.Key must be a string of 1 to 200 characters.`);
  }
  const problem = valueProblem(leaf.Value);
  if (problem) throw KendraError.validation(`${path}.${op}.Value ${problem}.`);
  const value = leaf.Value!;
  if ((op === 'ContainsAll' || op === 'ContainsAny') && value.StringListValue === undefined) {
    throw KendraError.validation(`${op} can only be used with a StringListValue.`);
  }
  if (op.startsWith('GreaterThan') || op.startsWith('LessThan')) {
    if (value.LongValue === undefined && value.DateValue === undefined) throw KendraError.validation(`${op} can only be used with a LongValue or a DateValue.`);
  }
}

export function mentionsKey(filter: AttributeFilter | undefined, key: string): boolean {
  if (!filter) return false;
  if (LEAVES.some((op) => filter[op]?.Key === key)) return true;
  return [...(filter.AndAllFilters ?? []), ...(filter.OrAllFilters ?? []), ...(filter.NotFilter ? [filter.NotFilter] : [])].some((f) => mentionsKey(f, key));
}

/** Kendra searches English unless the query filters on the language, so add that default. */
export function withLanguageDefault(filter: AttributeFilter | undefined): AttributeFilter {
  const english: AttributeFilter = { EqualsTo: { Key: LANGUAGE_KEY, Value: { StringValue: DEFAULT_LANGUAGE } } };
  if (!filter) return english;
  return mentionsKey(filter, LANGUAGE_KEY) ? filter : { AndAllFilters: [english, filter] };
}

export function matchesFilter(attributes: ReadonlyMap<string, AttributeValue>, filter: AttributeFilter): boolean {
  if (filter.AndAllFilters) return filter.AndAllFilters.every((f) => matchesFilter(attributes, f));
  if (filter.OrAllFilters) return filter.OrAllFilters.some((f) => matchesFilter(attributes, f));
  if (filter.NotFilter) return !matchesFilter(attributes, filter.NotFilter);
  for (const op of LEAVES) {
    const leaf = filter[op];
    if (!leaf) continue;
    const actual = attributes.get(leaf.Key);
    return actual !== undefined && compare(op, actual, leaf.Value);
  }
  return false;
}

function compare(op: (typeof LEAVES)[number], actual: AttributeValue, wanted: AttributeValue): boolean {
  switch (op) {
    case 'EqualsTo':
      if (wanted.StringValue !== undefined) return actual.StringValue === wanted.StringValue;
      if (wanted.LongValue !== undefined) return actual.LongValue === wanted.LongValue;
      if (wanted.DateValue !== undefined) return actual.DateValue === wanted.DateValue;
      return sameSet(actual.StringListValue, wanted.StringListValue ?? []);
    case 'ContainsAny': {
      const have = listOf(actual);
      return (wanted.StringListValue ?? []).some((v) => have.includes(v));
    }
    case 'ContainsAll': {
      const have = listOf(actual);
      return (wanted.StringListValue ?? []).every((v) => have.includes(v));
    }
    default: {
      const a = wanted.LongValue !== undefined ? actual.LongValue : actual.DateValue;
      const b = wanted.LongValue ?? wanted.DateValue;
      if (a === undefined || b === undefined) return false;
      if (op === 'GreaterThan') return a > b;
      if (op === 'GreaterThanOrEquals') return a >= b;
      if (op === 'LessThan') return a < b;
      return a <= b;
    }
  }
}

function listOf(value: AttributeValue): string[] {
  if (value.StringListValue) return value.StringListValue;
  return value.StringValue !== undefined ? [value.StringValue] : [];
}

function sameSet(a: string[] | undefined, b: string[]): boolean {
  if (!a) return false;
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}

/** Who is asking: null means no user context, so only documents without an ACL are visible. */
export interface Viewer {
  user: string;
  groups: readonly string[];
}

export function canSee(acl: readonly Principal[], viewer: Viewer | null): boolean {
  if (acl.length === 0) return true;
  if (!viewer) return false;
  const applies = (p: Principal) => (p.Type === 'USER' ? p.Name === viewer.user : viewer.groups.includes(p.Name));
  const relevant = acl.filter(applies);
  return relevant.some((p) => p.Access === 'ALLOW') && !relevant.some((p) => p.Access === 'DENY');
}
