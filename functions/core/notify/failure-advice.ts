import { FailReason } from '#functions/core/domain/reasons';

/**
 * Where a location's money settings live in the sync config (one entry per location): the advice
 * names the key to add there.
 */
const MONEY_SETTINGS = 'locations[].revel';

const NOTHING_WRITTEN = 'Nothing was written to Revel.';

/** What a person should do about a failed event, by reason; the mail says it in one sentence. */
const ADVICE: Record<string, string> = {
  [FailReason.UNMAPPED_ITEMS]:
    'Add a mapping in items.mapping of the sync config, or create the product in Revel under the same name, then sync the event again.',
  [FailReason.TOTALS_DO_NOT_ADD_UP]:
    "TripleSeat's own figures disagree (the mail shows them): fix the event's documents in TripleSeat (a stale proposal, a charge applied twice, a priced special instruction), then sync the event again. Nothing was written to Revel.",
  [FailReason.BAD_LINE]:
    'Correct the named row in TripleSeat (quantity, price, or a line total no discount explains), then sync the event again. Nothing was written to Revel.',
  [FailReason.ORDER_TOO_LARGE]:
    'The event has more lines than one Revel order takes (500): split it in TripleSeat or enter the order by hand.',
  [FailReason.DISCOUNT_NOT_CONFIGURED]: `The invoice has an order discount and the event's location has no Revel Discount for it: create an open-amount "Triple Seat Discount" in Revel and add its id as \`discountId\` to that location's \`${MONEY_SETTINGS}\` in the sync config, then sync the event again. ${NOTHING_WRITTEN}`,
  [FailReason.UNMAPPED_CHARGES]: `A charge on the invoice (named in the error: a service charge, gratuity or fee) has no Revel counterpart: map each name to a Revel service fee or an open-price fee product in \`charges.mapping\` of that location's \`${MONEY_SETTINGS}\` in the sync config, then sync the event again. ${NOTHING_WRITTEN}`,
  [FailReason.PAYMENT_NOT_CONFIGURED]: `The event has payments (a deposit or a balance) and the event's location has no Revel tender for them: add the id of a Revel payment type (e.g. "Triple Seat") as \`tenderId\` to that location's \`${MONEY_SETTINGS}\` in the sync config, then sync the event again. ${NOTHING_WRITTEN}`,
  [FailReason.RECONCILIATION_MISMATCH]:
    "The order was written, but what Revel holds differs from TripleSeat's invoice (the mail shows both columns): open the order in Revel and check its items, discount, service charges, tax, final total, payments and amount due against the invoice, then correct it by hand (or void it and enter it again). It is not retried, and the sync never touches this order again.",
  TRIPLESEAT_AUTH: 'Check the TripleSeat API credentials in the secret; nothing syncs until they work.',
  TRIPLESEAT_NOT_FOUND: 'The event no longer exists in TripleSeat; nothing to do unless that is a mistake.',
  TRIPLESEAT_BAD_RESPONSE:
    'TripleSeat answered something unexpected; look the correlation id up in the logs.',
  REVEL_AUTH: 'Check the Revel API key and secret in the secret; nothing syncs until they work.',
  REVEL_REJECTED:
    "Revel refused the order: check the location's Revel settings (establishment, station, user, dining option) in the sync config.",
  REVEL_NOT_FOUND: 'Revel does not know a referenced record: check the Revel ids in the sync config.',
  LEASE_LOST: 'Another sync took over the event; check in Revel that exactly one order exists.',
};

const TRANSIENT =
  'A vendor was unavailable or something unexpected happened: sync the event again later; if it keeps failing, look the correlation id up in the logs.';

export function adviceFor(reason: string | null): string {
  return (reason !== null ? ADVICE[reason] : undefined) ?? TRANSIENT;
}
