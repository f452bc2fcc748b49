import { parseArgs } from 'node:util';
import { AppError, describeError, InputError } from '#functions/core/domain/errors';
import { isSandboxOrigin } from './cli-ledger';
import { localDefaults } from './local-defaults';
import { dayHasProblem, dayText } from './ops-day';

export const usage = `usage: npm run ops -- <command> [--json]
  events [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--location <id|name>] [--status <outcome>]
  status [--date YYYY-MM-DD]   the day as the console's board shows it (default: today per location)
  status <event id>            the event's outcome, attempts, Revel order and money
  preview <event id>           the order that would be written now (nothing is written)
  sync <event id>              sync the event now (the manual route's engine and lease)
  runs [<run id>]              recent bulk runs, or one
  dlq [redrive [<message id>…]]  the dead letters; redrive all or the named ones
  mappings suggest [--days N]  items without a Revel product, with suggestions
  mappings set (--name <item> | --menu-item-id <id>) --product <id> --establishment <id>
  mappings export              the runtime mappings as a patch of the config file
  settings [--set key=value …]  connector_enabled, dry_run, test_establishment
  audit                        recent operator changes
  backfill --since YYYY-MM-DD [--dry-run]   record orders already in Revel in the ledger
  release <event id> --adopt --yes          keep a HALF_WRITTEN order as Revel holds it (nothing more is written)
environment: OPS_URL (default http://127.0.0.1:${localDefaults.port}), OPERATOR_TOKEN (default: the local one for a local OPS_URL);
every command, backfill included, goes through the operator API at OPS_URL
exit codes: 0 done; 1 done, and the answer reports a problem (a failed event, an event that cannot be
injected, dead letters, unmapped items); 2 bad arguments or environment; 3 refused by the API (401, 4xx);
4 the API is unreachable or failed (5xx)`;

export const EXIT = { ok: 0, problem: 1, usage: 2, refused: 3, unavailable: 4 } as const;

export interface OpsOutcome {
  exitCode: number;
  /** What goes to stdout: a table (or text) for people, JSON with --json. */
  output: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: API answers are printed field by field (docs/operator-api.md)
type Json = any;

const options = {
  json: { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  location: { type: 'string' },
  status: { type: 'string' },
  date: { type: 'string' },
  days: { type: 'string' },
  name: { type: 'string' },
  'menu-item-id': { type: 'string' },
  product: { type: 'string' },
  establishment: { type: 'string' },
  set: { type: 'string', multiple: true },
  since: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  adopt: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
} as const;

/** `npm run ops -- …`: the operator API at OPS_URL from a terminal, every command. */
export async function runOpsCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<OpsOutcome> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
  } catch (e: unknown) {
    return { exitCode: EXIT.usage, output: `${e instanceof Error ? e.message : String(e)}\n${usage}\n` };
  }
  const { values, positionals } = parsed;
  try {
    const result = await dispatch(positionals, values, env, log);
    const output = values.json ? `${JSON.stringify(result.body, null, 2)}\n` : result.text;
    return { exitCode: result.problem ? EXIT.problem : EXIT.ok, output };
  } catch (e: unknown) {
    if (e instanceof InputError) return { exitCode: EXIT.usage, output: `${e.message}\n${usage}\n` };
    if (e instanceof ApiError)
      return { exitCode: e.status < 500 ? EXIT.refused : EXIT.unavailable, output: `${e.message}\n` };
    if (e instanceof AppError && !e.retryable) return { exitCode: EXIT.usage, output: `${e.message}\n` };
    return { exitCode: EXIT.unavailable, output: `${describeError(e)}\n` };
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];
interface Result {
  body: Json;
  text: string;
  problem: boolean;
}

async function dispatch(
  positionals: string[],
  values: Values,
  env: Record<string, string | undefined>,
  _log: (line: string) => void,
): Promise<Result> {
  const [command, sub, ...rest] = positionals;
  const api = apiClient(env);
  if (command === 'backfill') return backfill(api, values);
  const id = () => {
    if (sub === undefined) throw new InputError('id', `${command} needs an id`);
    return encodeURIComponent(sub);
  };
  switch (command) {
    case 'events': {
      const query = new URLSearchParams();
      for (const key of ['from', 'to', 'location', 'status'] as const) {
        const value = values[key];
        if (value !== undefined) query.set(key, value);
      }
      const body = await api('GET', `/api/events${query.size > 0 ? `?${query}` : ''}`);
      const rows = body.events.map((e: Json) => [
        e.event_id,
        e.start_local ?? e.event_date,
        e.location_name,
        e.name,
        e.outcome,
        e.reason ?? '',
        e.revel_order_id ?? '',
        cents(e.total_cents),
      ]);
      const text = table(['event', 'start', 'location', 'name', 'outcome', 'reason', 'order', 'total'], rows);
      return { body, text, problem: body.events.some((e: Json) => e.outcome === 'failed') };
    }
    case 'status': {
      if (sub === undefined) {
        const date = values.date === undefined ? '' : `?date=${encodeURIComponent(values.date)}`;
        const day = await api('GET', `/api/day${date}`);
        return { body: day, text: dayText(day, table, cents), problem: dayHasProblem(day) };
      }
      const body = await api('GET', `/api/events/${id()}`);
      const lines = [
        ...body.unavailable.map((o: Json) => `!! ${o.message}: showing what the ledger last recorded`),
        `${body.event_id}  ${body.name ?? ''}  ${body.start_local ?? body.event_date ?? ''}  ${body.location_name ?? ''}`,
        `contact   ${body.contact_name ?? '-'}   guests ${body.kitchen?.guest_count ?? '-'}   TripleSeat ${body.tripleseat_status ?? '-'}`,
        ...(body.kitchen?.notes ?? []).map((n: Json) => `${n.label}: ${n.text}`),
        ...(body.kitchen?.instructions ?? []).map((t: string) => `instruction: ${t}`),
        ...(body.payments ?? []).map(
          (p: Json) => `paid      ${cents(p.cents)} ${p.kind}${p.date ? ` on ${p.date}` : ''}`,
        ),
        `outcome   ${body.outcome}${body.reason ? ` (${body.reason})` : ''}${body.error ? `: ${body.error}` : ''}`,
        `order     ${body.order ? `${body.order.id} (local_id ${body.order.local_id})` : 'none in Revel'}`,
        '',
        table(
          ['at', 'outcome', 'reason', 'trigger', 'correlation id'],
          body.attempts.map((a: Json) => [
            a.at,
            a.outcome,
            a.reason ?? '',
            a.trigger ?? '',
            a.correlation_id ?? '',
          ]),
        ),
        table(
          ['money', 'TripleSeat', 'Revel'],
          body.money.map((m: Json) => [m.label, cents(m.tripleseat_cents), cents(m.revel_cents)]),
        ),
        ...(body.drift?.current
          ? [
              `changed since the order was written (${body.drift.current.detected_at}):`,
              ...body.drift.current.changes.map((c: Json) => `  ${c.field}: ${c.before} → ${c.after}`),
            ]
          : []),
        ...body.preflight.map((p: Json) => `preflight ${p.reason}: ${p.detail} — ${p.fix}`),
      ];
      return { body, text: lines.join('\n'), problem: body.outcome === 'failed' };
    }
    case 'preview': {
      const body = await api('GET', `/api/events/${id()}/preview`);
      const verdict = body.eligibility.eligible
        ? 'would be injected'
        : `not now: ${body.eligibility.reason} — ${body.eligibility.detail}`;
      const lines = [
        `${body.event_id}  ${body.name}  → establishment ${body.location.establishment_id ?? '-'}: ${verdict}`,
        table(
          ['qty', 'item', 'unit', 'total', 'Revel product'],
          body.lines.map((l: Json) => [
            String(l.quantity),
            l.name,
            cents(l.unit_price_cents),
            cents(l.total_cents),
            l.mapped ? `${l.revel_product_id} ${l.revel_product_name ?? ''}` : 'UNMAPPED',
          ]),
        ),
        `grand total ${cents(body.grand_total_cents)}   amount due ${cents(body.amount_due_cents)}`,
      ];
      return { body, text: `${lines.join('\n')}\n`, problem: !body.eligibility.eligible };
    }
    case 'sync': {
      const body = await api('POST', `/api/events/${id()}/sync`);
      const rows = body.events.map((e: Json) => [
        e.id,
        e.status,
        e.reason ?? '',
        e.revel_order_id ?? '',
        e.error ?? '',
      ]);
      return {
        body,
        text: table(['event', 'status', 'reason', 'order', 'detail'], rows),
        problem: !body.success,
      };
    }
    case 'runs': {
      if (sub !== undefined) {
        const body = await api('GET', `/api/runs/${id()}`);
        return { body, text: `${JSON.stringify(body, null, 2)}\n`, problem: body.state === 'failed' };
      }
      const body = await api('GET', '/api/runs');
      const rows = body.runs.map((r: Json) => [
        r.run_id,
        r.trigger,
        r.state,
        r.created_at,
        String(r.processed),
        r.progress ? progressLine(r.progress) : '',
        r.summary ? summaryLine(r.summary) : '',
      ]);
      return {
        body,
        text: table(['run', 'trigger', 'state', 'created', 'processed', 'progress', 'summary'], rows),
        problem: false,
      };
    }
    case 'dlq': {
      if (sub === 'redrive') {
        const body = await api('POST', '/api/dlq/redrive', rest.length > 0 ? { ids: rest } : {});
        const left = body.remaining ? `; about ${body.remaining} left: run it again` : '';
        // Named messages that were not found (a wrong id, or already redriven) are a problem to report.
        const missing = rest.length > 0 ? rest.length - body.redriven : 0;
        const notFound =
          missing > 0 ? `; ${missing} of the named messages are not in the dead-letter queue` : '';
        return { body, text: `redriven: ${body.redriven}${left}${notFound}\n`, problem: missing > 0 };
      }
      if (sub !== undefined) throw new InputError('dlq', `unknown dlq command "${sub}"`);
      const body = await api('GET', '/api/dlq');
      const rows = body.messages.map((m: Json) => [
        m.id,
        m.event_id ?? '',
        [m.reason, m.error].filter((x: string | null) => x).join(': '),
        String(m.receive_count),
        m.sent_at ?? '',
      ]);
      return {
        body,
        text: table(['message', 'event', 'why', 'receives', 'sent'], rows),
        problem: body.messages.length > 0,
      };
    }
    case 'mappings':
      return mappings(api, sub, values);
    case 'settings': {
      const changes = values.set ?? [];
      const body =
        changes.length > 0
          ? await api('PUT', '/api/settings', settingsPatch(changes))
          : await api('GET', '/api/settings');
      const rows = (['connector_enabled', 'dry_run', 'test_establishment'] as const).map((k) => [
        k,
        String(body[k]),
        String(body.deployed[k]),
        body.overridden[k] ? 'runtime' : 'deployed',
      ]);
      const by = body.updated_by ? `changed by ${body.updated_by} at ${body.updated_at}\n` : '';
      return { body, text: `${table(['setting', 'now', 'deployed', 'source'], rows)}${by}`, problem: false };
    }
    case 'release': {
      if (!values.adopt)
        throw new InputError(
          'adopt',
          'release needs --adopt (the only release: keep the order as Revel holds it; to write it again, void it in Revel by hand)',
        );
      if (!values.yes)
        throw new InputError('yes', 'release needs --yes: nothing more is written for the event afterwards');
      const body = await api('POST', `/api/events/${id()}/release`, { action: 'adopt', confirm: true });
      return {
        body,
        text: `${body.status} ${body.reason}, Revel order ${body.revel_order_id}\n${body.next}\n`,
        problem: false,
      };
    }
    case 'audit': {
      const body = await api('GET', '/api/audit');
      const rows = body.entries.map((e: Json) => [e.at, e.operator, e.action, JSON.stringify(e.change)]);
      return { body, text: table(['at', 'operator', 'action', 'change'], rows), problem: false };
    }
    default:
      throw new InputError(
        'command',
        command === undefined ? 'no command given' : `unknown command "${command}"`,
      );
  }
}

async function mappings(api: Api, sub: string | undefined, values: Values): Promise<Result> {
  if (sub === 'suggest') {
    const days = values.days ?? '7';
    const body = await api('GET', `/api/mappings/unmapped?days=${encodeURIComponent(days)}`);
    const rows = body.items.map((i: Json) => [
      i.name,
      i.menu_item_id ?? '',
      String(i.establishment_id),
      i.event_ids.join(' '),
      i.suggestions.length === 0
        ? 'none close enough: search in the console'
        : i.suggestions
            .map((s: Json) => `${s.revel_product_id} ${s.name} ${cents(s.price_cents)} (${s.score})`)
            .join('; '),
    ]);
    return {
      body,
      text: table(['item', 'menu id', 'establishment', 'events', 'suggestions'], rows),
      problem: body.items.length > 0,
    };
  }
  if (sub === 'set') {
    const product = Number(values.product);
    if (!Number.isInteger(product) || product <= 0)
      throw new InputError('product', '--product must be a Revel product id');
    const establishment = Number(values.establishment);
    if (!Number.isInteger(establishment) || establishment <= 0)
      throw new InputError(
        'establishment',
        '--establishment must be the Revel establishment id the mapping holds for',
      );
    const body = await api('PUT', '/api/mappings', {
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values['menu-item-id'] !== undefined ? { menu_item_id: values['menu-item-id'] } : {}),
      revel_product_id: product,
      establishment_id: establishment,
    });
    const saved = `${body.mapping.key} → ${body.product.revel_product_id} ${body.product.name}`;
    return { body, text: `saved: ${saved} (the line keeps the TripleSeat item's name)\n`, problem: false };
  }
  if (sub === 'export') {
    const body = await api('GET', '/api/mappings/export');
    return { body, text: `${JSON.stringify(body.patch, null, 2)}\n`, problem: false };
  }
  throw new InputError('mappings', 'mappings needs suggest, set or export');
}

const SETTINGS = new Set(['connector_enabled', 'dry_run', 'test_establishment']);

export function settingsPatch(changes: readonly string[]): Record<string, boolean> {
  const patch: Record<string, boolean> = {};
  for (const change of changes) {
    const [key = '', value] = change.split('=');
    if (!SETTINGS.has(key) || (value !== 'true' && value !== 'false'))
      throw new InputError(
        'set',
        `--set takes connector_enabled, dry_run or test_establishment =true|false, got "${change}"`,
      );
    patch[key] = value === 'true';
  }
  return patch;
}

async function backfill(api: Api, values: Values): Promise<Result> {
  if (values.since === undefined) throw new InputError('since', 'backfill needs --since YYYY-MM-DD');
  const report = await api('POST', '/api/backfill', { since: values.since, dry_run: values['dry-run'] });
  const rows = report.recorded.map((r: Json) => [r.event_id, r.revel_order_id, r.local_id ?? '']);
  const text = [
    `${report.dry_run ? 'would record' : 'recorded'} ${report.recorded.length} of ${report.checked} events (${report.since} to ${report.until})`,
    table(['event', 'Revel order', 'local_id'], rows),
    `already recorded ${report.already_recorded.length}, no order in Revel ${report.without_order.length}, left to the engine ${report.left_alone.length}`,
    ...report.left_alone.map((l: Json) => `  ${l.event_id}: ${l.reason}`),
    '',
  ].join('\n');
  return { body: report, text, problem: false };
}

type Api = (method: string, path: string, body?: unknown) => Promise<Json>;

function apiClient(env: Record<string, string | undefined>): Api {
  const base = (env.OPS_URL || `http://127.0.0.1:${localDefaults.port}`).replace(/\/+$/, '');
  const token = env.OPERATOR_TOKEN || (isSandboxOrigin(base) ? localDefaults.operatorToken : undefined);
  if (token === undefined)
    throw new InputError(
      'OPERATOR_TOKEN',
      `OPERATOR_TOKEN is not set (an operator token for ${base}, from OPS_URL)`,
    );
  return async (method, path, body) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(35_000),
      });
    } catch (e: unknown) {
      throw new ApiError(503, `cannot reach ${base} (check OPS_URL): ${describeError(e)}`);
    }
    const text = await response.text();
    let json: Json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { error: text.slice(0, 200) };
    }
    if (!response.ok) {
      const hint = response.status === 401 ? ` (check OPERATOR_TOKEN: ${base} refused it)` : '';
      throw new ApiError(
        response.status,
        `${method} ${path}: ${response.status} ${json.error ?? json.message ?? ''}`.trim() + hint,
      );
    }
    return json;
  };
}

const cents = (value: number | null | undefined): string =>
  value === null || value === undefined
    ? '-'
    : `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`;

function summaryLine(summary: Json): string {
  const s = summary?.summary;
  return s ? `injected ${s.injected}, skipped ${s.skipped}, failed ${s.failed}` : '';
}

/** Columns padded to their widest cell; an empty list says so. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '(none)\n';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** A planned run's counts: `12 queued of 40 listed: 5 injected, 30 skipped, 0 failed, 5 still queued`. */
export function progressLine(p: Json): string {
  return `${p.queued} queued of ${p.listed} listed: ${p.injected} injected, ${p.skipped} skipped, ${p.failed} failed, ${p.still_queued} still queued`;
}
