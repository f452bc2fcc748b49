import { createHash } from 'node:crypto';

// Our own namespace, so our uuids never collide with uuids built the same way from the same parts elsewhere.
const NAMESPACE = 'tripleseat-revel-sync';

/**
 * A name-based (v5-style) UUID from sha256 of the parts: the same parts always give the same uuid,
 * so a rebuilt plan recognises the rows an earlier run already wrote in Revel.
 */
export function deterministicUuid(...parts: string[]): string {
  // JSON keeps the parts apart: ("a,b") and ("a", "b") hash differently.
  const bytes = createHash('sha256')
    .update(JSON.stringify([NAMESPACE, ...parts]))
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
