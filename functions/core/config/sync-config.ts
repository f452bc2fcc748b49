import * as z from 'zod';
import { DEFAULT_HOURS_BACK, hoursBackSchema } from '#functions/core/contract/hours-back';
import { ConfigError } from '#functions/core/domain/errors';
import { CHARGE_KINDS } from '#functions/core/domain/model';
import { type ParseProblem, parseJsonWith, parseWith } from '#functions/core/domain/parse-with';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const positiveId = z.number().int().positive();

/**
 * Where one TripleSeat charge goes in Revel: matched by its name (case- and space-insensitive, e.g.
 * "Service Charge (20%)") or, failing that, by its kind; written as an AppliedServiceFee of
 * `serviceFeeId` or as an OrderItem of the open-price fee product `productId`.
 */
const chargeMappingSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    kind: z.enum(CHARGE_KINDS).optional(),
    serviceFeeId: positiveId.optional(),
    productId: positiveId.optional(),
  })
  .refine((m) => m.name !== undefined || m.kind !== undefined, {
    message: 'a charge mapping needs name or kind',
  })
  .refine((m) => (m.serviceFeeId === undefined) !== (m.productId === undefined), {
    message: 'a charge mapping needs exactly one of serviceFeeId or productId',
  });

const revelLocationSchema = z.strictObject({
  establishmentId: positiveId,
  /** PosStation used for `station`, `created_at`, `last_updated_at`. */
  stationId: positiveId,
  /** An active Revel user for `created_by` / `updated_by`. */
  userId: positiveId,
  /** The merchant-defined "Triple Seat" dining option (plain integer in Revel). */
  diningOption: z.number().int().nonnegative(),
  /** The open-amount "Triple Seat Discount" of this establishment; needed only by events with a discount. */
  discountId: positiveId.optional(),
  /** The "Triple Seat" tender (Revel payment type id); needed only by events with payments. */
  tenderId: positiveId.optional(),
  /**
   * This establishment's open-price product ("Catering Open Item"): what an operator may map an item
   * to on purpose (the line keeps TripleSeat's name and price). Not a catch-all: that is
   * `items.openPriceProductId`.
   */
  openPriceProductId: positiveId.optional(),
  /** Where each TripleSeat charge goes; needed only by events with charges. */
  charges: z.strictObject({ mapping: z.array(chargeMappingSchema).default([]) }).prefault({}),
});

const locationSchema = z.strictObject({
  name: z.string().min(1),
  /** TripleSeat `location_id` of events booked at this location. */
  tripleseatLocationId: z.union([z.string().min(1), z.number().int()]).transform(String),
  timeZone: z.string().refine(isTimeZone, { message: 'not an IANA time zone (e.g. America/Los_Angeles)' }),
  revel: revelLocationSchema,
});

const mappingSchema = z
  .strictObject({
    /** Match by TripleSeat `menu_item_id`… */
    menuItemId: z
      .union([z.string().min(1), z.number().int()])
      .transform(String)
      .optional(),
    /** …or by item name (case- and space-insensitive). */
    name: z.string().min(1).optional(),
    revelProductId: positiveId,
    /** Restrict the entry to one establishment (product ids differ between establishments). */
    establishmentId: positiveId.optional(),
  })
  .refine((m) => m.menuItemId !== undefined || m.name !== undefined, {
    message: 'a mapping needs menuItemId or name',
  });

export const syncConfigSchema = z.strictObject({
  connector: z
    .strictObject({
      /** Global switch: false makes every event `skipped` with CONNECTOR_DISABLED. */
      enabled: z.boolean().default(true),
      /** Preview only: events that would be written are reported `would_inject`. */
      dryRun: z.boolean().default(false),
      /** When set, every order goes to this location's Revel settings instead (trials). */
      testLocation: revelLocationSchema.optional(),
    })
    .prefault({}),
  eligibility: z
    .strictObject({
      statuses: z
        .array(
          z
            .string()
            .min(1)
            .transform((s) => s.toUpperCase()),
        )
        .min(1)
        .default(['DEFINITE', 'CLOSED']),
      /** Inject up to this many days before the event day (0 = only on the day). */
      daysAhead: z.number().int().min(0).max(60).default(0),
      /** Still inject this many days after the event day (0 = not after the day). */
      graceDays: z.number().int().min(0).max(30).default(0),
    })
    .prefault({}),
  locations: z.array(locationSchema).min(1),
  items: z
    .strictObject({
      /** Line-item categories that are not products (case-insensitive). */
      excludedCategories: z.array(z.string()).default(['Special Instructions']),
      mapping: z.array(mappingSchema).default([]),
      /** Opt-in catch-all: unmatched items become this open-price product with the item's name and price. */
      openPriceProductId: positiveId.optional(),
      /**
       * The least name similarity (0..1, Sørensen–Dice of character pairs) for a Revel product to be
       * suggested for an unmapped item; below it the operator searches instead (core/ops/fuzzy-match.ts).
       */
      suggestionThreshold: z.number().min(0).max(1).default(0.75),
    })
    .prefault({}),
  revel: z
    .strictObject({
      /** `{eventId}` is replaced by the TripleSeat event id. */
      localIdFormat: z.string().includes('{eventId}').default('Triple Seat_{eventId}'),
      /** Formats used by earlier connectors; an order under any of them counts as a duplicate. */
      legacyLocalIdFormats: z.array(z.string().includes('{eventId}')).default(['Triple Seat {eventId}']),
      /**
       * Earlier setting, still read: when enabled, `paymentTypeId` is the tender of every location
       * that names no `revel.tenderId`. Payments follow TripleSeat's payments either way.
       */
      payment: z.strictObject({ enabled: z.boolean(), paymentTypeId: z.number().int() }).optional(),
      /** Close the order (OrderHistory `closed`) when TripleSeat says nothing is due. */
      closeWhenPaid: z.boolean().default(true),
      /** POST /resources/OrderHistory/ ("required for orders to display in Order History"). */
      orderHistory: z.boolean().default(true),
      /**
       * Send the totals with the Order create instead of a PATCH after the items: one request less
       * per order. Whether Revel keeps them is a guess the read-back checks: if not, the engine
       * PATCHes them once and uses the PATCH for that establishment until the process is recycled
       * (docs/vendors/revel.md, "Creating an order"). `false`: always the PATCH.
       */
      totalsWithCreate: z.boolean().default(true),
      /**
       * The OrderItem field that carries TripleSeat's item name when it differs from the product's.
       * `product_name_override` is what the old connector wrote; whether Revel keeps it on a raw
       * OrderItem is not known, and `npm run doctor -- --write-test-order` says which one it keeps
       * (docs/vendors/revel.md, "The item name on the ticket").
       */
      itemNameField: z.enum(['product_name_override', 'special_request']).default('product_name_override'),
    })
    .prefault({}),
  tax: z
    .strictObject({
      /**
       * `tripleseat`: the order's tax is TripleSeat's, spread over the items' `tax_amount` (Revel
       * computes none on orders written field by field). `none`: no tax on the order; its total is
       * then TripleSeat's grand total less the tax (README, "Money: how an invoice becomes an order").
       */
      mode: z.enum(['tripleseat', 'none']).default('tripleseat'),
    })
    .prefault({}),
  sync: z
    .strictObject({
      hoursBack: z._default(hoursBackSchema, DEFAULT_HOURS_BACK),
      concurrency: z.number().int().min(1).max(16).default(4),
      leaseSeconds: z.number().int().min(10).max(3600).default(600),
      /**
       * How long a Revel create whose answer was lost may still land: before this, nobody re-sends
       * it (docs/decisions/0008-pending-creates-and-settle-time.md).
       */
      writeSettleSeconds: z.number().int().min(1).max(86_400).default(600),
    })
    .prefault({}),
  /** Checks of upcoming events before their day, with each scheduled run (core/preflight/). */
  preflight: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Events dated from tomorrow to this many days ahead, by each location's calendar. */
      days: z.number().int().min(1).max(31).default(7),
      /** An unchanged set of problems is mailed again after this many hours (never more often). */
      remindAfterHours: z.number().int().min(1).max(168).default(24),
    })
    .prefault({}),
  /** What happens when an injected event changes in TripleSeat (core/drift/). */
  drift: z
    .strictObject({
      /**
       * `alert`: one mail per change, the Revel order is never modified. `append-missing-items`: also
       * add items missing from an order that is not closed (never removes, never reprices).
       */
      policy: z.enum(['alert', 'append-missing-items']).default('alert'),
      /**
       * After a change of the kitchen's information (allergies, special instructions, notes, guest
       * count, pickup time): `update` rewrites the order's notes (never on a closed order; never
       * money), `alert` only mails.
       */
      notes: z.enum(['update', 'alert']).default('update'),
      /**
       * After a payment made in TripleSeat since injection: `append` writes it as a Revel Payment (same
       * tender and keys as at injection), sets the amount due and closes a paid order (never a closed
       * one); `alert` only mails. A refund or a removed payment is only ever alerted.
       */
      payments: z.enum(['append', 'alert']).default('append'),
    })
    .prefault({}),
  /** What the sync writes back to TripleSeat (core/writeback/). */
  writeBack: z
    .strictObject({
      /**
       * A note on the TripleSeat event after injection (Revel order number, location, total, paid,
       * due) and another when the order is closed or paid in Revel. Off until `npm run doctor`
       * confirms the token may write notes: which OAuth scopes allow writes is not public.
       */
      tripleseatNotes: z.boolean().default(false),
    })
    .prefault({}),
  /** Who hears about injections and failures; absent = no mail. */
  notifications: z
    .strictObject({
      from: z.email(),
      to: z.array(z.email()).min(1),
      /** One mail per injected event from a single-event sync (webhook, queue, manual). */
      onInjected: z.boolean().default(true),
      /** One mail per failed event from a single-event sync. */
      onFailed: z.boolean().default(true),
      /**
       * One digest per bulk run, sent when anything was injected or failed — for a scheduled run, when
       * its failures differ from those last mailed (the same ones again: once per
       * `remindFailuresAfterHours`, default 24: core/bulk/digest-due.ts).
       */
      digest: z.boolean().default(true),
      remindFailuresAfterHours: z.number().int().min(1).max(168).optional(),
    })
    .optional(),
  rateLimits: z
    .strictObject({
      tripleseatPerSecond: z.number().positive().default(10),
      revelPerSecond: z.number().positive().default(5),
    })
    .prefault({}),
});

export type SyncConfig = z.infer<typeof syncConfigSchema>;
export type LocationConfig = SyncConfig['locations'][number];
export type RevelLocationConfig = z.input<typeof revelLocationSchema>;
export type ChargeMapping = z.infer<typeof chargeMappingSchema>;
export type TaxMode = SyncConfig['tax']['mode'];

/** The tender of a location: its own `tenderId`, else the earlier global `revel.payment` when enabled. */
export function tenderFor(config: Pick<SyncConfig, 'revel'>, revel: RevelLocationConfig): number | undefined {
  if (revel.tenderId !== undefined) return revel.tenderId;
  const legacy = config.revel.payment;
  return legacy?.enabled ? legacy.paymentTypeId : undefined;
}

/** Validates a parsed config object; the error names the first bad field by its dotted path. */
export function parseSyncConfig(raw: unknown, source = 'SYNC_CONFIG'): SyncConfig {
  return parseWith(syncConfigSchema, raw, (problem) => invalidField(source, problem));
}

/** The config file's text, as read by the loader (functions/platform/sync-config-file.ts). */
export function parseSyncConfigJson(text: string, path: string): SyncConfig {
  return parseJsonWith(syncConfigSchema, text, (problem) =>
    problem.kind === 'not-json'
      ? new ConfigError('SYNC_CONFIG', `SYNC_CONFIG: ${path} is not valid JSON: ${problem.message}`)
      : invalidField(`SYNC_CONFIG (${path})`, problem),
  );
}

function invalidField(source: string, { path, message }: ParseProblem): ConfigError {
  const field = path || '(root)';
  return new ConfigError(field, `${source}: invalid field "${field}": ${message}`);
}

export function findLocation(config: SyncConfig, locationId: string | undefined): LocationConfig | undefined {
  if (locationId === undefined) return undefined;
  return config.locations.find((l) => l.tripleseatLocationId === locationId);
}
