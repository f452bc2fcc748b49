/**
 * A write Revel refuses: 400 for bad data, 445 "Integrity Error" for bad references
 * (docs/vendors/revel.md, "Errors and limits").
 */
export class RevelRejection extends Error {
  override readonly name = 'RevelRejection';
  constructor(
    readonly status: 400 | 445,
    message: string,
  ) {
    super(message);
  }
}

export type Body = Record<string, unknown>;

const badRequest = (message: string) => new RevelRejection(400, message);
export const integrityError = (message: string) => new RevelRejection(445, `Integrity Error: ${message}`);

export function requireObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  return body as Body;
}

/** Revel rejects a POST that carries `id` or `resource_uri` (docs/vendors/revel.md, "Auth and style"). */
export function rejectIdentity(body: Body): void {
  const given = ['id', 'resource_uri'].filter((f) => f in body);
  if (given.length > 0) throw badRequest(`A new object may not set ${given.join(', ')}.`);
}

/** Names every missing field at once, like Revel's own message. */
export function requireFields(body: Body, fields: readonly string[]): void {
  const missing = fields.filter((f) => body[f] === undefined || body[f] === null);
  if (missing.length > 0) throw badRequest(`Missing required fields: ${missing.join(', ')}`);
}

export function readNumber(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw badRequest(`${field} must be a number.`);
  return number;
}

export function readInteger(body: Body, field: string): number | undefined {
  const value = readNumber(body, field);
  if (value !== undefined && !Number.isInteger(value)) throw badRequest(`${field} must be an integer.`);
  return value;
}

/** Revel stores naive local store time; a UTC "Z" or an offset shows wrong days, so refuse them. */
export function readNaiveTime(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(value))
    throw badRequest(
      `${field} must be naive local time YYYY-MM-DDTHH:mm:ss (no "Z", no offset), got ${JSON.stringify(value)}.`,
    );
  return value;
}

export const referenceBases = {
  Establishment: '/enterprise/Establishment/',
  User: '/enterprise/User/',
  PosStation: '/resources/PosStation/',
  Product: '/resources/Product/',
  Order: '/resources/Order/',
  OrderItem: '/resources/OrderItem/',
  Discount: '/resources/Discount/',
  ServiceFee: '/resources/ServiceFee/',
} as const;

export type ReferenceKind = keyof typeof referenceBases;

/** The id inside a reference URI; a plain number or a wrong-type URI is a 400, as in Tastypie. */
export function readReference(body: Body, field: string, kind: ReferenceKind): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const base = referenceBases[kind].replaceAll('/', '\\/');
  const id =
    typeof value === 'string'
      ? value.match(new RegExp(`^(?:https?://[^/]+)?${base}(\\d+)/?$`))?.[1]
      : undefined;
  if (id === undefined)
    throw badRequest(`The URL provided '${String(value)}' was not a link to a valid ${kind} resource.`);
  return Number(id);
}

export function requiredNumber(body: Body, field: string): number {
  const value = readNumber(body, field);
  if (value === undefined) throw badRequest(`Missing required fields: ${field}`);
  return value;
}

export function requiredReference(body: Body, field: string, kind: ReferenceKind): number {
  const id = readReference(body, field, kind);
  if (id === undefined) throw badRequest(`Missing required fields: ${field}`);
  return id;
}

export function readText(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  return value;
}

export function readFlag(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false.`);
  return value;
}
