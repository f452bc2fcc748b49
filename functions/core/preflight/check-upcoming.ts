import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { mapUntilStopped } from '#functions/core/concurrency/map-with-concurrency';
import type { LocationConfig } from '#functions/core/config/sync-config';
import { findLocation } from '#functions/core/config/sync-config';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { describeError } from '#functions/core/domain/errors';
import type { EventSearch, TripleSeatEvent } from '#functions/core/domain/model';
import { FailReason, SkipReason } from '#functions/core/domain/reasons';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import { configuredReferences, missingMoneySettingFindings } from '#functions/core/money/money-settings';
import { checkInvoice } from '#functions/core/order/invoice-check';
import { mapItemsToProducts } from '#functions/core/order/product-mapping';
import type { PreflightCheck, PreflightProblem } from '#functions/core/ports/preflight-store';
import type { RevelReferences } from '#functions/core/ports/revel-references';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';

/** A configured Revel object that is missing, inactive or belongs to another establishment. */
export const REVEL_REFERENCE_INVALID = 'REVEL_REFERENCE_INVALID';

export type PreflightDeps = Pick<EngineDeps, 'config' | 'tripleseat' | 'revel' | 'clock' | 'logger'> & {
  references: RevelReferences;
};

/**
 * Looks at every event in an eligible status dated from tomorrow to `days` ahead (each location's
 * calendar) and says, without writing anything, what would stop it on its day: location not
 * mapped, items without an active Revel product, totals that do not add up, a discount, charge or
 * payment without its setting, a configured Revel reference that is missing or inactive. TripleSeat
 * is asked once per search and once per event (plus its invoice pages when it has no line items);
 * Revel once per establishment catalogue and once per configured object (both cached).
 */
export async function checkUpcoming(
  deps: PreflightDeps,
  days: number,
  shouldStop?: (() => boolean) | undefined,
): Promise<PreflightCheck> {
  const counted = countingTripleSeat(deps.tripleseat);
  const found = new Map<string, TripleSeatEvent>();
  for (const search of upcomingSearches(deps, days)) {
    for (const event of await counted.api.searchEvents(search)) found.set(event.id, event);
  }
  const statuses = deps.config.eligibility.statuses;
  const upcoming = [...found.values()]
    .filter((e) => !e.deleted && statuses.includes(e.status.toUpperCase()) && inWindow(e, deps, days))
    .sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.id.localeCompare(b.id));

  const locations = new Map<string, LocationConfig>();
  for (const event of upcoming) {
    const location = findLocation(deps.config, event.locationId);
    if (location) locations.set(location.tripleseatLocationId, location);
  }
  const problems: PreflightProblem[] = [];
  for (const location of locations.values()) problems.push(...(await checkReferences(deps, location)));
  const perEvent = await mapUntilStopped(upcoming, deps.config.sync.concurrency, shouldStop, (listed) =>
    checkEvent({ ...deps, tripleseat: counted.api }, listed),
  );
  problems.push(...perEvent.results.flat());
  return {
    checkedAt: deps.clock.now().toISOString(),
    days,
    eventsChecked: upcoming.length,
    tripleseatRequests: counted.calls(),
    problems,
    problemsHash: hashProblems(problems),
    notChecked: perEvent.notStarted,
  };
}

/** The set of problems, independent of when they were found: a changed set is a new digest. */
export function hashProblems(problems: readonly PreflightProblem[]): string {
  const keys = problems.map((p) => [p.eventId ?? '', p.date ?? '', p.reason, p.detail].join('|')).sort();
  return createHash('sha256').update(keys.join('\n')).digest('base64url').slice(0, 22);
}

/** One search per zone, from tomorrow to `days` ahead in that zone (TripleSeat filters by day only). */
function upcomingSearches(deps: PreflightDeps, days: number): EventSearch[] {
  const now = DateTime.fromJSDate(deps.clock.now());
  const seen = new Map<string, EventSearch>();
  for (const zone of new Set(deps.config.locations.map((l) => l.timeZone))) {
    const today = now.setZone(zone).startOf('day');
    const search = {
      eventDate: {
        from: today.plus({ days: 1 }).toISODate() ?? '',
        to: today.plus({ days }).toISODate() ?? '',
      },
    };
    seen.set(JSON.stringify(search), search);
  }
  return [...seen.values()];
}

function inWindow(event: TripleSeatEvent, deps: PreflightDeps, days: number): boolean {
  const zone = findLocation(deps.config, event.locationId)?.timeZone;
  if (zone === undefined) return true;
  const today = DateTime.fromJSDate(deps.clock.now(), { zone }).startOf('day');
  const day = DateTime.fromISO(event.eventDate, { zone }).startOf('day');
  const ahead = Math.round(day.diff(today, 'days').days);
  return day.isValid && ahead >= 1 && ahead <= days;
}

async function checkReferences(deps: PreflightDeps, location: LocationConfig): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const reference of configuredReferences(deps.config, location)) {
    const problem = (detail: string, fix: string): PreflightProblem => ({
      eventId: undefined,
      eventName: undefined,
      date: undefined,
      location: location.name,
      reason: REVEL_REFERENCE_INVALID,
      detail,
      fix,
    });
    const name = `Revel ${reference.kind} ${reference.id}`;
    try {
      const state = await deps.references.lookUpReference(reference.kind, reference.id);
      if (!state.found) {
        problems.push(
          problem(`${name} does not exist`, `set ${reference.setting} to an existing ${reference.kind}`),
        );
      } else if (!state.active) {
        problems.push(
          problem(
            `${name} is inactive`,
            `activate it in Revel, or set ${reference.setting} to an active one`,
          ),
        );
      } else if (
        reference.establishmentId !== undefined &&
        state.establishmentId !== undefined &&
        state.establishmentId !== reference.establishmentId
      ) {
        problems.push(
          problem(
            `${name} belongs to establishment ${state.establishmentId}, not ${reference.establishmentId}`,
            `set ${reference.setting} to one of establishment ${reference.establishmentId}`,
          ),
        );
      }
    } catch (e: unknown) {
      deps.logger.warn('preflight could not look up a Revel reference', {
        kind: reference.kind,
        id: reference.id,
        error: describeError(e),
      });
    }
  }
  return problems;
}

async function checkEvent(deps: PreflightDeps, listed: TripleSeatEvent): Promise<PreflightProblem[]> {
  const location = findLocation(deps.config, listed.locationId);
  const about = (event: TripleSeatEvent) => ({
    eventId: event.id,
    eventName: event.name,
    date: event.eventDate,
    location: location?.name ?? event.locationName ?? event.locationId,
  });
  if (!location) {
    return [
      {
        ...about(listed),
        reason: SkipReason.LOCATION_NOT_MAPPED,
        detail: `TripleSeat location ${listed.locationId ?? '(none)'} is not configured`,
        fix: `add a locations entry with tripleseatLocationId "${listed.locationId ?? ''}" and its Revel settings`,
      },
    ];
  }
  try {
    const event = await deps.tripleseat.getEvent(listed.id);
    const read = await extractEventInvoice(event, {
      excludedCategories: deps.config.items.excludedCategories,
      fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
    });
    const found = (reason: string, detail: string, fix: string): PreflightProblem => ({
      ...about(event),
      reason,
      detail,
      fix,
    });
    if ('mismatch' in read) {
      const fix = "correct the event's documents in TripleSeat so the items make up the total";
      return [found(FailReason.TOTALS_DO_NOT_ADD_UP, read.mismatch, fix)];
    }
    const invoice = read.invoice;
    if (invoice.lines.length === 0) {
      return [
        found(
          SkipReason.NO_ITEMS,
          'the event has no items to order',
          'add the menu items to its invoice in TripleSeat',
        ),
      ];
    }
    const problems: PreflightProblem[] = [];
    const verdict = checkInvoice(invoice);
    if (!verdict.ok)
      problems.push(found(verdict.reason, verdict.error, "correct the event's invoice in TripleSeat"));
    problems.push(
      ...(await checkProducts(deps, location, invoice.lines).then((p) => p.map((x) => found(...x)))),
    );
    for (const finding of missingMoneySettingFindings(invoice, event.eventDate, deps.config, location)) {
      problems.push(found(finding.reason, finding.detail, finding.fix));
    }
    return problems;
  } catch (e: unknown) {
    // The check must not stop at one event; the event's own sync reports it on the day.
    deps.logger.warn('preflight could not check an event', { event_id: listed.id, error: describeError(e) });
    return [];
  }
}

type Finding = [reason: string, detail: string, fix: string];

async function checkProducts(
  deps: PreflightDeps,
  location: LocationConfig,
  lines: Parameters<typeof mapItemsToProducts>[0],
): Promise<Finding[]> {
  const establishmentId = (deps.config.connector.testLocation ?? location.revel).establishmentId;
  const products = await deps.revel.listProducts(establishmentId);
  const { items } = deps.config;
  const mapped = mapItemsToProducts(lines, products, {
    mapping: items.mapping,
    establishmentId,
    ...(items.openPriceProductId !== undefined ? { openPriceProductId: items.openPriceProductId } : {}),
  });
  const findings: Finding[] = [];
  for (const { item, productId } of mapped.ignoredMappings) {
    const state = products.some((p) => p.id === productId)
      ? 'inactive'
      : 'not a product of the establishment';
    findings.push([
      FailReason.UNMAPPED_ITEMS,
      `${item.name} maps to Revel product ${productId}, which is ${state}`,
      `point its mapping at an active product of establishment ${establishmentId}`,
    ]);
  }
  const ignored = new Set(mapped.ignoredMappings.map((m) => m.item.name));
  for (const name of new Set(mapped.unmapped.map((i) => i.name))) {
    if (ignored.has(name)) continue;
    findings.push([
      FailReason.UNMAPPED_ITEMS,
      `no Revel product for: ${name}`,
      `add an items.mapping entry { "name": "${name}", "revelProductId": <id>, "establishmentId": ${establishmentId} }, or create an active product named "${name}" in Revel establishment ${establishmentId}`,
    ]);
  }
  const active = new Map(products.map((p) => [p.id, p.active]));
  for (const line of mapped.lines) {
    if (line.via === 'name' || active.get(line.productId) === true) continue;
    const state = active.has(line.productId) ? 'inactive' : 'not a product of the establishment';
    findings.push([
      FailReason.UNMAPPED_ITEMS,
      `${line.item.name} maps to Revel product ${line.productId}, which is ${state}`,
      `point its items.mapping entry at an active product of establishment ${establishmentId}`,
    ]);
  }
  return findings;
}

function countingTripleSeat(api: TripleSeatApi): { api: TripleSeatApi; calls: () => number } {
  let calls = 0;
  return {
    api: {
      getEvent: (id) => {
        calls += 1;
        return api.getEvent(id);
      },
      searchEvents: (search) => {
        calls += 1;
        return api.searchEvents(search);
      },
      fetchInvoice: (url) => {
        calls += 1;
        return api.fetchInvoice(url);
      },
    },
    calls: () => calls,
  };
}
