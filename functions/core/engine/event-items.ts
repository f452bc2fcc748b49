import {
  type EventInvoice,
  type EventItem,
  type InvoiceMoney,
  type InvoicePage,
  type InvoicePayment,
  type NamedAmount,
  noMoney,
  type TripleSeatEvent,
} from '#functions/core/domain/model';
import { formatCents } from '#functions/core/money/cents';

export interface EventItemSources {
  /** Categories that are not products, e.g. "Special Instructions" (compared case-insensitively). */
  excludedCategories: readonly string[];
  /** Parsed invoice page (`TripleSeatApi.fetchInvoice`). */
  fetchInvoice(url: string): Promise<InvoicePage>;
}

/** The event's invoice, or why no consistent set of documents makes up its total. */
export type EventInvoiceRead = { invoice: EventInvoice } | { mismatch: string };

/** One document's rows (all of them, excluded categories too) and what it says about money. */
interface DocumentRead {
  label: string;
  rows: EventItem[];
  money: InvoiceMoney | undefined;
}

/** Subsets of more documents than this are not searched: only each one alone and all together. */
const MAX_SEARCHED_DOCUMENTS = 6;

/**
 * The items and money of an event. `documents[].line_items` win whenever TripleSeat sent them; only
 * when no document has the key is each document's invoice page fetched and parsed
 * (docs/vendors/tripleseat.md, "Line items": three channels, in order of preference). Documents
 * whose money makes up the event's subtotal are chosen, so an item repeated on a proposal and an
 * invoice is ordered once ("Money on an event"); no consistent choice → a mismatch naming the figures.
 */
export async function extractEventInvoice(
  event: TripleSeatEvent,
  opts: EventItemSources,
): Promise<EventInvoiceRead> {
  const excluded = new Set(opts.excludedCategories.map((c) => c.trim().toLowerCase()));
  const isExcluded = (item: EventItem): boolean =>
    item.category !== undefined && excluded.has(item.category.trim().toLowerCase());
  const documents = await readDocuments(event, opts);
  const ordered = (d: DocumentRead) => d.rows.filter((i) => i.quantity !== 0 && !isExcluded(i));

  // Events built before the money was read carry only `grandTotalCents`.
  const stated =
    event.money ??
    (event.grandTotalCents === undefined
      ? undefined
      : { ...noMoney(), grandTotalCents: event.grandTotalCents });
  const chosen = chooseDocuments(documents, ordered, stated);
  if ('mismatch' in chosen) return chosen;
  const picked = chosen.documents;
  const sources = [stated, sumDocumentMoney(picked.map((d) => d.money))];
  const money = mergeMoney(sources);
  const paid = paymentsOf(sources);
  if (typeof paid === 'string') return { mismatch: paid };
  return {
    invoice: {
      documents: picked.map((d) => d.label),
      lines: picked.flatMap(ordered),
      instructions: picked
        .flatMap((d) => d.rows)
        .filter(isExcluded)
        .map((i) => i.description.trim())
        .filter((t) => t !== ''),
      discounts: money.discounts ?? [],
      charges: money.charges ?? [],
      taxes: money.taxes ?? [],
      subtotalCents: money.subtotalCents,
      grandTotalCents: money.grandTotalCents,
      payments: paid,
      amountDueCents: money.amountDueCents,
    },
  };
}

const isSummary = (payments: readonly InvoicePayment[]): boolean =>
  payments.length > 0 && payments.every((p) => p.summary === true);

/**
 * The first source's payments, unless they are only the event's `deposit_amount` summary and a later
 * source itemises payments (an invoice page listing each one): then those, provided their deposits
 * make up the summary — otherwise the two sources disagree, which is a message, never a guess.
 */
function paymentsOf(sources: readonly (InvoiceMoney | undefined)[]): InvoicePayment[] | undefined | string {
  const said = sources.flatMap((s) => (s?.payments === undefined ? [] : [s.payments]));
  const [first] = said;
  if (first === undefined || !isSummary(first)) return first;
  const itemised = said.find((payments) => payments.length > 0 && !isSummary(payments));
  if (itemised === undefined) return first;
  const summary = sum(first.map((p) => p.cents));
  const deposits = sum(itemised.filter((p) => p.kind === 'deposit').map((p) => p.cents));
  if (deposits !== summary) {
    return (
      `TripleSeat's deposit_amount ${formatCents(summary)} does not match the deposits the invoice ` +
      `page lists (${formatCents(deposits)})`
    );
  }
  return itemised;
}

async function readDocuments(event: TripleSeatEvent, opts: EventItemSources): Promise<DocumentRead[]> {
  const label = (d: { name: string; id: string }) => `${d.name || 'Document'} ${d.id}`.trim();
  if (event.documents.some((d) => d.lineItems !== undefined)) {
    return event.documents
      .filter((d) => d.lineItems !== undefined)
      .map((d) => ({ label: label(d), rows: d.lineItems ?? [], money: d.money }));
  }
  const read: DocumentRead[] = [];
  const seen = new Set<string>();
  for (const document of event.documents) {
    const url = document.invoiceUrl;
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    const page = await opts.fetchInvoice(url);
    read.push({
      label: label(document),
      rows: page.items,
      money: mergeMoney([document.money, page.money]),
    });
  }
  return read;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
const netOf = (items: readonly EventItem[]): number =>
  sum(items.map((i) => i.totalCents - (i.discountCents ?? 0)));
const sumNamed = (list: readonly NamedAmount[] | undefined): number => sum((list ?? []).map((x) => x.cents));

/**
 * What the chosen documents' items must add up to: the stated subtotal, else the grand total with
 * the stated discounts, charges and taxes taken back out. Undefined when TripleSeat stated neither.
 */
function targetSubtotal(money: InvoiceMoney | undefined): number | undefined {
  if (!money) return undefined;
  if (money.subtotalCents !== undefined) return money.subtotalCents;
  const { grandTotalCents, discounts, charges, taxes } = money;
  if (grandTotalCents === undefined || !discounts || !charges || !taxes) return undefined;
  return grandTotalCents + sumNamed(discounts) - sumNamed(charges) - sumNamed(taxes);
}

function chooseDocuments(
  documents: DocumentRead[],
  ordered: (d: DocumentRead) => EventItem[],
  stated: InvoiceMoney | undefined,
): { documents: DocumentRead[] } | { mismatch: string } {
  const target = targetSubtotal(stated);
  if (documents.length <= 1 || target === undefined) return { documents };
  const fits = (set: readonly DocumentRead[]) => {
    const lines = set.flatMap(ordered);
    // One cent of rounding per line, as the check before writing allows.
    return Math.abs(netOf(lines) - target) <= Math.max(1, lines.length);
  };
  if (fits(documents)) return { documents };
  const fitting = subsets(documents).filter(fits);
  const described = documents.map((d) => `${d.label} ${formatCents(netOf(ordered(d)))}`).join(', ');
  if (fitting.length === 0) {
    return {
      mismatch:
        `no choice of documents adds up to the event's subtotal ${formatCents(target)}: ` +
        `${described} (together ${formatCents(netOf(documents.flatMap(ordered)))})`,
    };
  }
  const signatures = new Set(fitting.map((set) => signatureOf(set.flatMap(ordered))));
  if (signatures.size > 1) {
    return {
      mismatch:
        `documents ${described} make up the event's subtotal ${formatCents(target)} in more than one way, ` +
        'with different items',
    };
  }
  // The same items either way: an invoice is what the guest is billed for, else the latest document.
  const invoice = fitting.find((set) => set.length === 1 && /invoice/i.test(set[0]?.label ?? ''));
  return { documents: invoice ?? fitting.at(-1) ?? documents };
}

/** Non-empty proper subsets, smallest first; beyond the cap, each document alone. */
function subsets<T>(all: readonly T[]): T[][] {
  if (all.length > MAX_SEARCHED_DOCUMENTS) return all.map((d) => [d]);
  const found: T[][] = [];
  for (let mask = 1; mask < 2 ** all.length - 1; mask++) {
    found.push(all.filter((_, i) => (mask & (1 << i)) !== 0));
  }
  return found.sort((a, b) => a.length - b.length);
}

function signatureOf(items: readonly EventItem[]): string {
  return items
    .map((i) => `${i.name}|${i.quantity}|${i.unitPriceCents}|${i.totalCents}|${i.discountCents ?? 0}`)
    .sort()
    .join('\n');
}

/** Field by field, the first source that said something wins. */
function mergeMoney(sources: readonly (InvoiceMoney | undefined)[]): InvoiceMoney {
  const first = <K extends keyof InvoiceMoney>(key: K): InvoiceMoney[K] =>
    sources.find((s) => s?.[key] !== undefined)?.[key] as InvoiceMoney[K];
  return {
    subtotalCents: first('subtotalCents'),
    discounts: first('discounts'),
    charges: first('charges'),
    taxes: first('taxes'),
    grandTotalCents: first('grandTotalCents'),
    payments: first('payments'),
    amountDueCents: first('amountDueCents'),
  };
}

/** Several chosen documents: their figures add up, provided every one of them stated the figure. */
function sumDocumentMoney(money: readonly (InvoiceMoney | undefined)[]): InvoiceMoney | undefined {
  if (money.length === 0 || money.some((m) => m === undefined)) return undefined;
  const all = money as InvoiceMoney[];
  if (all.length === 1) return all[0];
  const total = (key: 'subtotalCents' | 'grandTotalCents' | 'amountDueCents') =>
    all.every((m) => m[key] !== undefined) ? sum(all.map((m) => m[key] ?? 0)) : undefined;
  const lists = <T>(pick: (m: InvoiceMoney) => T[] | undefined): T[] | undefined =>
    all.every((m) => pick(m) !== undefined) ? all.flatMap((m) => pick(m) ?? []) : undefined;
  return {
    subtotalCents: total('subtotalCents'),
    discounts: lists((m) => m.discounts),
    charges: lists((m) => m.charges),
    taxes: lists((m) => m.taxes),
    grandTotalCents: total('grandTotalCents'),
    payments: lists((m) => m.payments),
    amountDueCents: total('amountDueCents'),
  };
}
