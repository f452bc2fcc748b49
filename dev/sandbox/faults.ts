import { z } from 'zod';
import { type ParseProblem, parseWith } from '#functions/core/domain/parse-with';

export type Vendor = 'tripleseat' | 'revel';

export type FaultAction =
  | { kind: 'fail'; status: number; body?: string; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  /** Performs the real write, then answers `status` (default 504) with a gateway HTML page. */
  | { kind: 'commit-then-fail'; status?: number }
  | { kind: 'html'; status: number }
  /**
   * The vendor keeps other figures than those sent: the JSON body's fields in `set` are replaced
   * before the write, and the answer is the usual one (a silent change the read-back must notice).
   */
  | { kind: 'alter-body'; set: Record<string, unknown> };

export interface FaultRule {
  vendor: Vendor;
  /** Any method when absent; compared case-insensitively. */
  method?: string;
  /** A string matches the pathname exactly (a trailing slash does not matter); a RegExp is tested. */
  path: string | RegExp;
  /** Let this many matching requests through before the fault starts hitting. */
  skip?: number;
  /** How many matching requests the fault hits; default 1, Infinity allowed. */
  times?: number;
  action: FaultAction;
}

export interface FaultReport {
  vendor: Vendor;
  method: string | null;
  path: string;
  skip: number;
  times: number | 'Infinity';
  action: FaultAction;
  hits: number;
}

export class InvalidFaultRuleError extends Error {
  override readonly name = 'InvalidFaultRuleError';
}

const status = z.number().int().min(100).max(599);
const count = z.union([z.number().int().nonnegative(), z.literal(Infinity)]);

const actionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fail'),
    status,
    body: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().nonnegative().max(120_000) }),
  z.strictObject({ kind: z.literal('commit-then-fail'), status: status.optional() }),
  z.strictObject({ kind: z.literal('html'), status }),
  z.strictObject({ kind: z.literal('alter-body'), set: z.record(z.string(), z.unknown()) }),
]);

const ruleFields = {
  vendor: z.enum(['tripleseat', 'revel']),
  method: z.string().min(1).optional(),
  skip: z.number().int().nonnegative().optional(),
  action: actionSchema,
};

const faultRuleSchema = z.strictObject({
  ...ruleFields,
  path: z.union([z.string().min(1), z.instanceof(RegExp)]),
  times: count.optional(),
});

/** JSON cannot carry a RegExp or Infinity: "/…/" is a RegExp source, "Infinity" a count. */
const faultRuleJsonSchema = z.strictObject({
  ...ruleFields,
  path: z
    .string()
    .min(1)
    .transform((p) =>
      p.length > 2 && p.startsWith('/') && p.endsWith('/') ? new RegExp(p.slice(1, -1)) : p,
    ),
  times: z.union([count, z.literal('Infinity').transform(() => Infinity)]).optional(),
});

const invalidRule = ({ path, message }: ParseProblem): InvalidFaultRuleError =>
  new InvalidFaultRuleError(`invalid fault rule field "${path || '(root)'}": ${message}`);

/** Parses a rule posted to `/__sandbox/faults`. */
export function parseFaultRuleJson(raw: unknown): FaultRule {
  return parseWith(faultRuleJsonSchema, raw, invalidRule);
}

const trimSlash = (path: string): string =>
  path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === 'string') return trimSlash(pattern) === trimSlash(path);
  pattern.lastIndex = 0; // a /g pattern keeps state between test() calls
  return pattern.test(path);
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  hits: number;
}

/** Fault injection shared by both sandboxes; rules apply in the order they were added. */
export class Faults {
  #rules: ActiveRule[] = [];

  /** Returns the rule itself so a test can ask `hits(rule)` later. */
  add(rule: FaultRule): FaultRule {
    parseWith(faultRuleSchema, rule, invalidRule);
    this.#rules.push({ rule, seen: 0, hits: 0 });
    return rule;
  }

  clear(): void {
    this.#rules = [];
  }

  /** Requests a rule has hit; all rules together when none is given. */
  hits(rule?: FaultRule): number {
    return this.#rules
      .filter((r) => rule === undefined || r.rule === rule)
      .reduce((sum, r) => sum + r.hits, 0);
  }

  /** Called once per request: the action to apply, if any, counting the hit. */
  take(vendor: Vendor, method: string, path: string): FaultAction | undefined {
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.vendor !== vendor || !pathMatches(rule.path, path)) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (active.seen < (rule.skip ?? 0)) {
        active.seen += 1;
        continue;
      }
      if (active.hits >= (rule.times ?? 1)) continue;
      active.hits += 1;
      return rule.action;
    }
    return undefined;
  }

  report(): FaultReport[] {
    return this.#rules.map(({ rule, hits }) => ({
      vendor: rule.vendor,
      method: rule.method ?? null,
      path: typeof rule.path === 'string' ? rule.path : `/${rule.path.source}/`,
      skip: rule.skip ?? 0,
      times: rule.times === Infinity ? 'Infinity' : (rule.times ?? 1),
      action: rule.action,
      hits,
    }));
  }
}
