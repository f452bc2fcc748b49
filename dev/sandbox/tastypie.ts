import type { RevelObject } from './revel-seed';

/** How a filterable field's query value is read; references are plain ids in queries. */
export type FilterKind = 'number' | 'ref' | 'string' | 'boolean';
export type FilterFields = Readonly<Record<string, FilterKind>>;

export class TastypieQueryError extends Error {
  override readonly name = 'TastypieQueryError';
}

const defaultLimit = 20;
const maxLimit = 250;
const reserved = new Set(['limit', 'offset', 'order_by', 'fields', 'format']);
const operators = new Set(['exact', 'in', 'gt', 'gte', 'lt', 'lte', 'isnull']);
const mismatched = 'Invalid resource lookup data provided (mismatched type).';

/** The trailing id of a reference URI such as "/enterprise/Establishment/4/". */
export const refId = (value: unknown): number | undefined => {
  const id = typeof value === 'string' ? value.match(/\/(\d+)\/?$/)?.[1] : undefined;
  return id === undefined ? undefined : Number(id);
};

function readValue(kind: FilterKind, raw: string): string | number | boolean {
  if (kind === 'string') return raw;
  if (kind === 'boolean') {
    if (['true', 'True', '1'].includes(raw)) return true;
    if (['false', 'False', '0'].includes(raw)) return false;
    throw new TastypieQueryError(mismatched);
  }
  // A URI where an id belongs is the classic mistake: Tastypie rejects it rather than matching nothing.
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new TastypieQueryError(mismatched);
  return Number(raw);
}

function actualValue(object: RevelObject, field: string, kind: FilterKind): unknown {
  const value = object[field];
  if (kind === 'ref') return refId(value);
  if (kind === 'number' && typeof value === 'string') return Number(value);
  return value;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

type Predicate = (object: RevelObject) => boolean;

/** Filters on fields the resource declares; anything else is ignored, as Revel does. */
function predicates(query: URLSearchParams, filters: FilterFields): Predicate[] {
  const result: Predicate[] = [];
  for (const [key, raw] of query) {
    if (reserved.has(key)) continue;
    const [field = '', op = 'exact', ...extra] = key.split('__');
    const kind = filters[field];
    if (!kind || extra.length > 0 || !operators.has(op)) continue;
    if (op === 'isnull') {
      const wanted = readValue('boolean', raw);
      result.push((o) => (o[field] === null || o[field] === undefined) === wanted);
      continue;
    }
    const values = (op === 'in' ? raw.split(',') : [raw]).map((v) => readValue(kind, v.trim()));
    const [first] = values;
    result.push((o) => {
      const actual = actualValue(o, field, kind);
      if (actual === null || actual === undefined) return false;
      if (op === 'exact' || op === 'in') return values.some((v) => compare(actual, v) === 0);
      const order = compare(actual, first);
      return op === 'gt' ? order > 0 : op === 'gte' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
    });
  }
  return result;
}

function readCount(query: URLSearchParams, name: 'limit' | 'offset', fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new TastypieQueryError(`Invalid ${name} '${raw}' provided. Please provide a positive integer.`);
  return value;
}

function pageUrl(basePath: string, query: URLSearchParams, limit: number, offset: number): string {
  const params = new URLSearchParams(query);
  params.delete('limit');
  params.delete('offset');
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return `${basePath}?${params}`;
}

export function selectFields(object: RevelObject, query: URLSearchParams): Record<string, unknown> {
  const fields = query.get('fields')?.split(',').filter(Boolean);
  if (!fields) return object;
  return Object.fromEntries(fields.filter((f) => f in object).map((f) => [f, object[f]]));
}

/** A Tastypie list answer: filtered, ordered, paged, with `meta.next` as a relative URL. */
export function listResponse(
  objects: readonly RevelObject[],
  query: URLSearchParams,
  filters: FilterFields,
  basePath: string,
): { meta: Record<string, unknown>; objects: Record<string, unknown>[] } {
  const requested = readCount(query, 'limit', defaultLimit);
  const limit = requested === 0 ? maxLimit : Math.min(requested, maxLimit);
  const offset = readCount(query, 'offset', 0);
  const tests = predicates(query, filters);
  const matches = objects.filter((o) => tests.every((test) => test(o)));
  const orderBy = query.getAll('order_by').flatMap((v) => v.split(',').filter(Boolean));
  matches.sort((a, b) => {
    for (const key of orderBy) {
      const field = key.replace(/^-/, '');
      const order = compare(a[field], b[field]) * (key.startsWith('-') ? -1 : 1);
      if (order !== 0) return order;
    }
    return a.id - b.id;
  });
  return {
    meta: {
      limit,
      offset,
      next: offset + limit < matches.length ? pageUrl(basePath, query, limit, offset + limit) : null,
      previous: offset > 0 ? pageUrl(basePath, query, limit, Math.max(0, offset - limit)) : null,
      total_count: matches.length,
    },
    objects: matches.slice(offset, offset + limit).map((o) => selectFields(o, query)),
  };
}
