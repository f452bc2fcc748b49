import { createHash } from 'node:crypto';
import type { DriftDeps } from '#functions/core/deps/drift-deps';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { AppError, VendorError, WriteSettlingError } from '#functions/core/domain/errors';
import type { EventFingerprint, FingerprintPayments } from '#functions/core/domain/event-fingerprint';
import type { EventInvoice, TripleSeatEvent } from '#functions/core/domain/model';
import { sameSave } from '#functions/core/domain/updated-at';
import {
  deletedFingerprint,
  diffFingerprints,
  fingerprintOf,
  KITCHEN_FIELDS,
  parseFingerprint,
  serializeFingerprint,
} from '#functions/core/drift/fingerprint';
import type { AppendedLine, DriftChange, DriftState } from '#functions/core/ports/drift-log';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import { extractEventInvoice } from './event-items';
import { alreadyWritten } from './event-outcome';
import type { EventResult } from './results';

/** At most this many distinct changes are kept per event (the latest). */
const HISTORY_LIMIT = 20;

export interface DriftLook {
  record: LedgerRecord;
  knownUpdatedAt: string | undefined;
  correlationId: string;
  holder: string;
  dryRun: boolean;
}

export const fingerprintHash = (fingerprint: EventFingerprint): string =>
  createHash('sha256').update(serializeFingerprint(fingerprint)).digest('base64url').slice(0, 22);

/** The structured note on an event result (results.ts): which fields changed, since when. */
const withDrift = (result: EventResult, change: DriftChange | undefined): EventResult =>
  change ? { ...result, drift: { fields: change.fields, detected_at: change.detectedAt } } : result;

/**
 * An injected event seen again (webhook, schedule or manual): is TripleSeat still what the order
 * was built from? Undefined when drift is not watched or the order predates fingerprints (the
 * engine's plain fast path answers). Otherwise a DUPLICATE naming the order, with `drift` when the
 * event now differs. A listing or webhook delivery (queue message) whose `updated_at` is the one the
 * order was built from or was last compared costs no vendor call; without one, or with another, the
 * event is fetched and compared. Every distinct change is recorded once and alerted once, never per run.
 */
export async function watchInjected(deps: EngineDeps, look: DriftLook): Promise<EventResult | undefined> {
  const { record, knownUpdatedAt } = look;
  const drift = deps.drift;
  const stored = parseFingerprint(record.fingerprint);
  if (!drift || record.status !== 'injected' || !record.revelOrderId || !stored) return undefined;
  const base = alreadyWritten(record.eventId, record.revelOrderId, null);
  // As injected (no ledger read beyond the record) or as last compared: TripleSeat moves updated_at
  // with every change (docs/vendors/tripleseat.md, "Events") — to the minute only, in one format.
  if (sameSave(record.eventUpdatedAt, knownUpdatedAt, record.updatedAt)) return base;
  const state = await drift.log.getDrift(record.eventId);
  if (state && sameSave(state.seenUpdatedAt, knownUpdatedAt, state.seenAt))
    return withDrift(base, state.current);

  const seenAt = deps.clock.now().toISOString();
  const event = await fetchUnlessDeleted(deps, record.eventId);
  // Unchanged since it was last compared (a repeated webhook delivery): the known answer stands.
  const lastSeen = state
    ? { at: state.seenUpdatedAt, readAt: state.seenAt }
    : { at: record.eventUpdatedAt, readAt: record.updatedAt };
  if (event && sameSave(lastSeen.at, event.updatedAt, lastSeen.readAt)) {
    const named = { ...base, name: event.name, date: event.startLocal ?? event.eventDate };
    return withDrift(named, state?.current);
  }
  const invoice = event ? await readInvoice(event, deps) : undefined;
  const after = event ? fingerprintOf(event, invoice) : deletedFingerprint(stored);
  // A fingerprint kept before kitchen information was: the first seen becomes its baseline, no alert.
  const kitchenBaseline = stored.kitchen ? undefined : (state?.kitchenBaseline ?? after.kitchen);
  // The same for payments (a fingerprint's money kept before they were): the first seen is the baseline.
  const paymentsBaseline =
    !stored.money || stored.money.payments ? undefined : (state?.paymentsBaseline ?? after.money?.payments);
  const upgraded = stored.kitchen ? stored : { ...stored, kitchen: kitchenBaseline };
  const before =
    upgraded.money && paymentsBaseline
      ? { ...upgraded, money: { ...upgraded.money, payments: paymentsBaseline } }
      : upgraded;
  const named = event ? { ...base, name: event.name, date: event.startLocal ?? event.eventDate } : base;
  const seen = {
    state,
    revelOrderId: record.revelOrderId,
    seenUpdatedAt: event?.updatedAt,
    seenAt,
    kitchenBaseline,
    paymentsBaseline,
  };
  const change = await noteChange(deps, drift, look, seen, { before, after, event, invoice });
  return withDrift(named, change);
}

interface Seen {
  state: DriftState | undefined;
  revelOrderId: string;
  seenUpdatedAt: string | undefined;
  /** When `seenUpdatedAt` was read (DriftState.seenAt). */
  seenAt?: string | undefined;
  /** What an upgraded fingerprint's kitchen information is compared against (DriftState.kitchenBaseline). */
  kitchenBaseline?: string[] | undefined;
  /** What an upgraded fingerprint's payments are compared against (DriftState.paymentsBaseline). */
  paymentsBaseline?: FingerprintPayments | undefined;
}

/**
 * Records what differs between `before` and `after` (nothing: the event is back as ordered) and,
 * for a change never seen before, adds missing items under append-missing-items and sends the alert.
 */
export async function noteChange(
  deps: Pick<EngineDeps, 'clock' | 'logger'>,
  drift: DriftDeps,
  look: Pick<DriftLook, 'record' | 'correlationId' | 'holder' | 'dryRun'>,
  seen: Seen,
  compared: {
    before: EventFingerprint;
    after: EventFingerprint;
    event: TripleSeatEvent | undefined;
    invoice?: EventInvoice | undefined;
  },
): Promise<DriftChange | undefined> {
  const { state, revelOrderId, seenUpdatedAt, seenAt, kitchenBaseline, paymentsBaseline } = seen;
  const { record } = look;
  const changes = diffFingerprints(compared.before, compared.after);
  const history = state?.history ?? [];
  const hash = fingerprintHash(compared.after);
  const known = history.find((h) => h.hash === hash);
  let current: DriftChange | undefined = changes.length === 0 ? undefined : known;
  const isNew = changes.length > 0 && known === undefined;
  if (isNew) {
    current = {
      hash,
      fields: changes.map((c) => c.field),
      changes,
      detectedAt: deps.clock.now().toISOString(),
    };
  }
  if (look.dryRun || drift.readOnly === true) return current;
  let appendedLines = state?.appendedLines;
  if (isNew && current && drift.appendMissing && compared.event) {
    const appendedSoFar = appendedLines ?? [];
    try {
      const appended = await drift.appendMissing({
        record,
        before: compared.before,
        after: compared.after,
        appendedSoFar,
        event: compared.event,
        invoice: compared.invoice,
        holder: look.holder,
      });
      if (appended !== undefined) {
        current = { ...current, appended };
        appendedLines = addAppended(appendedSoFar, appended);
      }
    } catch (e: unknown) {
      // A create still settling is finished by a later run; anything else Revel refused is recorded
      // and alerted with this change, so a refusal never silences the alert.
      if (e instanceof WriteSettlingError || !(e instanceof AppError)) throw e;
      deps.logger.warn('missing items could not be added to the order', {
        event_id: record.eventId,
        revel_order_id: revelOrderId,
        error_code: e.code,
      });
      current = { ...current, appendError: e.message };
    }
  }
  const kitchenChanged = current?.fields.some((f) => KITCHEN_FIELDS.includes(f)) ?? false;
  if (isNew && current && kitchenChanged && drift.updateNotes && compared.event) {
    const notesUpdate = await drift.updateNotes({ record, event: compared.event, invoice: compared.invoice });
    current = { ...current, notesUpdate };
  }
  const paymentsChanged = current?.fields.includes('payments') ?? false;
  if (isNew && current && paymentsChanged && drift.appendPayments && compared.event) {
    const paymentsUpdate = await drift.appendPayments({
      record,
      before: compared.before,
      after: compared.after,
      event: compared.event,
      holder: look.holder,
    });
    current = { ...current, paymentsUpdate };
  }
  const nextHistory = isNew && current ? [...history, current].slice(-HISTORY_LIMIT) : history;
  await drift.log.putDrift({
    eventId: record.eventId,
    revelOrderId,
    seenUpdatedAt,
    ...(seenAt === undefined ? {} : { seenAt }),
    current,
    history: nextHistory,
    ...(appendedLines === undefined ? {} : { appendedLines }),
    ...(kitchenBaseline === undefined ? {} : { kitchenBaseline }),
    ...(paymentsBaseline === undefined ? {} : { paymentsBaseline }),
  });
  if (isNew && current) {
    deps.logger.warn('event changed in TripleSeat after injection', {
      event_id: record.eventId,
      revel_order_id: revelOrderId,
      drift_fields: current.fields.join(','),
    });
    await drift.alert({
      eventId: record.eventId,
      eventName: compared.event?.name ?? null,
      revelOrderId,
      change: current,
      policy: drift.appendMissing ? 'append-missing-items' : 'alert',
      correlationId: look.correlationId,
    });
  }
  return current;
}

/** The running tally of appended lines, summed per line identity (name and unit price). */
function addAppended(tally: readonly AppendedLine[], added: readonly AppendedLine[]): AppendedLine[] {
  const byKey = new Map<string, AppendedLine>();
  for (const line of [...tally, ...added]) {
    const key = `${line.name.trim().toLowerCase()}|${line.unitPriceCents ?? ''}`;
    const had = byKey.get(key);
    byKey.set(key, had ? { ...had, quantity: had.quantity + line.quantity } : { ...line });
  }
  return [...byKey.values()];
}

async function fetchUnlessDeleted(deps: EngineDeps, eventId: string): Promise<TripleSeatEvent | undefined> {
  try {
    return await deps.tripleseat.getEvent(eventId);
  } catch (e: unknown) {
    if (e instanceof VendorError && e.code === 'TRIPLESEAT_NOT_FOUND') return undefined;
    throw e;
  }
}

/** The event's items and money as the engine reads them; undefined when they do not add up. */
export async function readInvoice(
  event: TripleSeatEvent,
  deps: Pick<EngineDeps, 'config' | 'tripleseat'>,
): Promise<EventInvoice | undefined> {
  const read = await extractEventInvoice(event, {
    excludedCategories: deps.config.items.excludedCategories,
    fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
  });
  return 'invoice' in read ? read.invoice : undefined;
}
