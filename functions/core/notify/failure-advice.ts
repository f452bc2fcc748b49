import { FailReason } from '../engine/reasons';

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
