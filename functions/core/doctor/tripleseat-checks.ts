import type { SyncConfig } from '#functions/core/config/sync-config';
import type { DoctorCheck } from '#functions/core/contract/doctor-report';
import { describeError, VendorError } from '#functions/core/domain/errors';
import type { TripleSeatNotesApi } from '#functions/core/ports/tripleseat-notes';
import type { ProbedEvent, TripleSeatProbe } from '#functions/core/ports/vendor-probes';
import { failed, guarded, notChecked, ok } from './doctor-check';

/** How far around today the doctor lists events: to find locations in use and one recent event. */
export const EVENT_WINDOW_DAYS = 14;

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface TripleSeatFindings {
  checks: DoctorCheck[];
  shapes: Record<string, string>;
  /** The recent event read with `show_financial`, where `--write-test-order` writes its test note. */
  recentEventId?: string | undefined;
}

/**
 * TripleSeat: the token (and whether a refresh rotated it), the configured locations among the
 * events around today, and the shapes of the most recent event read with `show_financial`.
 */
export async function checkTripleSeat(
  probe: TripleSeatProbe,
  config: SyncConfig,
  today: string,
): Promise<TripleSeatFindings> {
  const checks: DoctorCheck[] = [];
  const shapes: Record<string, string> = {};
  let tokenOk = false;
  checks.push(
    ...(await guarded('tripleseat', 'tripleseat.token', 'OAuth access token', async () => {
      const token = await probe.requestToken();
      tokenOk = true;
      const refresh =
        token.grant === 'client_credentials'
          ? notChecked(
              'tripleseat',
              'tripleseat.refresh_token',
              'refresh token',
              'no refresh token configured: the client_credentials grant was used',
            )
          : token.refreshTokenRotated
            ? failed(
                'tripleseat',
                'tripleseat.refresh_token',
                'refresh token',
                'TripleSeat rotated the refresh token: the configured one is now spent — store the new one in the secret (tripleseat.refreshToken) before the connector starts',
              )
            : ok('tripleseat', 'tripleseat.refresh_token', 'refresh token', 'accepted, not rotated');
      return [
        ok('tripleseat', 'tripleseat.token', 'OAuth access token', `granted (${token.grant})`),
        refresh,
      ];
    })),
  );
  checks.push(
    notChecked(
      'tripleseat',
      'tripleseat.webhook_envelope',
      'webhook envelope',
      'the delivery log keeps only a hash of each delivery, no body to read the envelope from',
    ),
  );
  if (!tokenOk) {
    checks.push(
      notChecked('tripleseat', 'tripleseat.events', 'events and locations', 'no access token: not read'),
    );
    return { checks, shapes };
  }
  const from = addDays(today, -EVENT_WINDOW_DAYS);
  const to = addDays(today, EVENT_WINDOW_DAYS);
  let events: ProbedEvent[] | undefined;
  checks.push(
    ...(await guarded('tripleseat', 'tripleseat.search', `events ${from} to ${to}`, async () => {
      events = await probe.listEvents(from, to);
      return ok('tripleseat', 'tripleseat.search', `events ${from} to ${to}`, `${events.length} listed`);
    })),
  );
  if (events === undefined) return { checks, shapes };
  const listed = events;
  for (const location of config.locations) {
    const subject = `location ${location.tripleseatLocationId} ("${location.name}")`;
    const at = listed.filter((e) => e.locationId === location.tripleseatLocationId).length;
    checks.push(
      at > 0
        ? ok('tripleseat', 'tripleseat.location', subject, `${at} events there from ${from} to ${to}`)
        : notChecked(
            'tripleseat',
            'tripleseat.location',
            subject,
            `no event there from ${from} to ${to}; locations seen: ${seenLocations(listed) || 'none'}`,
          ),
    );
  }
  const recent = recentEvent(listed, config, today);
  if (!recent) {
    checks.push(
      notChecked('tripleseat', 'tripleseat.event', 'a recent event', `no event from ${from} to ${to}`),
    );
    return { checks, shapes };
  }
  checks.push(...(await eventShapeChecks(probe, recent.id, shapes)));
  return { checks, shapes, recentEventId: recent.id };
}

const NOTE_CHECK = 'tripleseat.notes_write';
const TEST_NOTE = 'revel-sync doctor: a test of writing notes, deleted at once. [revel-sync:doctor-test]';

/**
 * Whether the token may write notes (`writeBack.tripleseatNotes`): which OAuth scopes allow writes
 * is not public (docs/vendors/tripleseat.md, "Notes"), so only a write shows it. Read-only runs say
 * "not checked"; `--write-test-order` writes one test note on the recent event and deletes it.
 */
export async function checkNoteWrite(
  notes: TripleSeatNotesApi | undefined,
  config: SyncConfig,
  eventId: string | undefined,
  write: boolean,
): Promise<DoctorCheck[]> {
  const setting = `writeBack.tripleseatNotes is ${config.writeBack.tripleseatNotes ? 'on' : 'off'}`;
  const subject = 'writing notes on events';
  if (!write || notes === undefined)
    return [
      notChecked(
        'tripleseat',
        NOTE_CHECK,
        subject,
        `${setting}; read-only: --write-test-order writes and deletes one test note to find out`,
      ),
    ];
  if (eventId === undefined)
    return [
      notChecked('tripleseat', NOTE_CHECK, subject, `${setting}; no recent event to write a test note on`),
    ];
  let noteId: string;
  try {
    noteId = (await notes.createNote(eventId, TEST_NOTE)).id;
  } catch (e: unknown) {
    const refused = e instanceof VendorError && (e.status === 401 || e.status === 403);
    const advice = refused
      ? ': the token may not write notes — keep writeBack.tripleseatNotes off'
      : `: a test note may have been written all the same — look for [revel-sync:doctor-test] on event ${eventId}`;
    return [failed('tripleseat', NOTE_CHECK, subject, `${setting}; ${describeError(e)}${advice}`)];
  }
  return guarded('tripleseat', NOTE_CHECK, subject, async () => {
    await notes.deleteNote(eventId, noteId);
    return ok(
      'tripleseat',
      NOTE_CHECK,
      subject,
      `${setting}; the token wrote and deleted test note ${noteId} on event ${eventId}`,
    );
  }).then((checks) =>
    checks.map((c) =>
      c.status === 'failed'
        ? {
            ...c,
            detail: `wrote test note ${noteId} on event ${eventId} but could not delete it (${c.detail}): delete it in TripleSeat`,
          }
        : c,
    ),
  );
}

function seenLocations(events: readonly ProbedEvent[]): string {
  return [...new Set(events.flatMap((e) => (e.locationId ? [e.locationId] : [])))].sort().join(', ');
}

/** The latest event on or before today at a configured location, else the next one, else any. */
function recentEvent(
  events: readonly ProbedEvent[],
  config: SyncConfig,
  today: string,
): ProbedEvent | undefined {
  const configured = new Set(config.locations.map((l) => l.tripleseatLocationId));
  const pool = events.some((e) => e.locationId && configured.has(e.locationId))
    ? events.filter((e) => e.locationId && configured.has(e.locationId))
    : [...events];
  const byDate = pool.sort((a, b) => (a.eventDate ?? '').localeCompare(b.eventDate ?? ''));
  return byDate.filter((e) => (e.eventDate ?? '') <= today).at(-1) ?? byDate[0];
}

async function eventShapeChecks(
  probe: TripleSeatProbe,
  eventId: string,
  shapes: Record<string, string>,
): Promise<DoctorCheck[]> {
  const subject = `event ${eventId} (show_financial)`;
  return guarded('tripleseat', 'tripleseat.event', subject, async () => {
    const s = await probe.readEventShapes(eventId);
    const list = (parts: string[], none: string) => (parts.length > 0 ? parts.join(' + ') : none);
    shapes['tripleseat.payments'] = list(s.paymentsIn, 'none');
    shapes['tripleseat.document_naming'] = list(s.documentNaming, 'none');
    shapes['tripleseat.billing_rows'] = list(s.billingRows, 'none');
    shapes['tripleseat.items'] =
      s.documentsWithLineItems > 0
        ? 'line_items'
        : s.documentsWithInvoiceViewOnly > 0
          ? 'invoice view only'
          : 'none';
    const read = s.readError
      ? failed('tripleseat', 'tripleseat.event', subject, `our event reader refuses it: ${s.readError}`)
      : ok('tripleseat', 'tripleseat.event', subject, `read by our event reader; ${s.documents} documents`);
    const fact = (check: string, name: string, value: string | undefined, none: string) =>
      value === undefined || value === 'none'
        ? notChecked('tripleseat', check, name, `${none} on event ${eventId}`)
        : ok('tripleseat', check, name, `${value} (event ${eventId})`);
    return [
      read,
      fact('tripleseat.payments', 'where payments live', shapes['tripleseat.payments'], 'no payment'),
      fact(
        'tripleseat.document_naming',
        'document naming',
        shapes['tripleseat.document_naming'],
        'no named document',
      ),
      fact('tripleseat.billing_rows', 'billing rows', shapes['tripleseat.billing_rows'], 'no billing row'),
      fact(
        'tripleseat.items',
        'line items',
        shapes['tripleseat.items'] === 'line_items'
          ? `documents carry line_items (${s.documentsWithLineItems})`
          : shapes['tripleseat.items'] === 'invoice view only'
            ? `only an invoice view (${s.documentsWithInvoiceViewOnly} documents): items come from the invoice page`
            : undefined,
        'no document with items',
      ),
    ];
  });
}
