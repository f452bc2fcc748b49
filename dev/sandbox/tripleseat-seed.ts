import { DateTime } from 'luxon';
import type { InvoiceRow } from './invoice-html';
import { locations, specialInstructions } from './tripleseat-event';
import {
  buildSeededEvent,
  type EventSpec,
  type ItemSpec,
  type SeededEvent,
} from './tripleseat-event-builder';

type Dish = Omit<ItemSpec, 'quantity'>;

const dish = (
  name: string,
  description: string,
  price: string,
  category: string,
  menuItemId: number,
): Dish => ({
  name,
  description,
  price,
  category,
  menuItemId,
});

const menu = {
  mapleBar: dish('Maple Bar', 'Maple frosted raised bar', '2.50', 'Food', 3001),
  glazed: dish('Glazed Donut', 'Classic yeast donut, honey glaze', '2.00', 'Food', 3002),
  coffee: dish('Coffee Service (per guest)', 'Regular and decaf, cream and sugar', '3.50', 'Beverage', 3003),
  bagels: dish('Bagel Platter', 'Assorted bagels and cream cheese', '38.00', 'Food', 3005),
  unicornCake: dish('Unicorn Cake', 'Rainbow layer cake, serves 20', '65.00', 'Food', 3099),
  // Denver's menu: "Choc Croiss" only maps through the config's menuItemId 7001 entry.
  greenChile: dish('Green Chile Breakfast Burrito', 'Hatch green chile, eggs, potato', '13.00', 'Food', 7002),
  denverCoffee: dish('Coffee Service (per guest)', 'Regular and decaf', '3.75', 'Beverage', 7003),
  chocCroiss: dish('Choc Croiss', 'Chocolate croissant', '4.00', 'Food', 7001),
  fruitPlatter: dish('Fruit Platter', 'Seasonal fruit, serves 12', '45.00', 'Food', 3004),
  ojCarafe: dish('Orange Juice Carafe', 'Fresh squeezed', '18.00', 'Beverage', 3006),
  burrito: dish('Breakfast Burrito', 'Eggs, potato & cheddar', '12.00', 'Food', 3007),
};

const line = (item: Dish, quantity: string | number, discount?: string): ItemSpec => ({
  ...item,
  quantity,
  ...(discount === undefined ? {} : { discount }),
});
/** A freehand row: no menu item, the name lives in `description`. */
const freehand = (description: string, quantity: string, price: string, category: string): ItemSpec => ({
  name: '',
  description,
  quantity,
  price,
  category,
  menuItemId: null,
});
const instruction = (text: string) => freehand(text, '1', '0.00', specialInstructions);

const invoiceItem = (
  quantity: string,
  descriptionHtml: string,
  price: string,
  total: string,
): InvoiceRow => ({
  kind: 'item',
  quantity,
  descriptionHtml,
  price,
  total,
});

/** Event 55521610 has no `line_items`: its invoice page (nested markup, entities, $1,200.00) is the source. */
const invoiceOnlyRows: InvoiceRow[] = [
  invoiceItem(
    '120',
    '<strong>COFFEE SERVICE (PER GUEST)</strong> - Regular &amp; decaf, <em>cream &amp; sugar</em>',
    '$3.50',
    '$420.00',
  ),
  invoiceItem(
    '100',
    '<strong>BREAKFAST BURRITO</strong> - Eggs, potato &amp; cheddar',
    '$12.00',
    '$1,200.00',
  ),
  { kind: 'blank' },
  invoiceItem(
    '4',
    '<strong>BAGEL PLATTER</strong> - Assorted bagels &amp; cream cheese',
    '$38.00',
    '$152.00',
  ),
  invoiceItem('6', '<strong>ORANGE JUICE CARAFE</strong> - Fresh&nbsp;squeezed', '$18.00', '$108.00'),
  { kind: 'category', name: 'Food', total: '$1,352.00' },
  { kind: 'category', name: 'Beverage', total: '$528.00' },
];

const { downtown, denver, popUp } = locations;
const definiteToday = { status: 'DEFINITE', location: downtown, dayOffset: 0 };

const specs: EventSpec[] = [
  {
    ...definiteToday,
    id: 55521609,
    name: 'Ponder Holiday Breakfast',
    start: { hour: 18, minute: 0 },
    hours: 2,
    contact: ['Jon', 'Ponder'],
    guests: 12,
    updatedHoursAgo: 2,
    items: [
      line(menu.mapleBar, '8'),
      line(menu.glazed, '12'),
      line(menu.coffee, '12'),
      freehand('Fruit Platter - seasonal', '1', '45.00', 'Food'),
      instruction('No nuts please'),
    ],
  },
  {
    ...definiteToday,
    id: 55521610,
    name: 'Alvarez Sales Kickoff',
    status: 'CLOSED',
    start: { hour: 11, minute: 30 },
    hours: 3,
    contact: ['Maria', 'Alvarez'],
    guests: 120,
    updatedHoursAgo: 5,
    items: [],
    invoiceOnly: {
      rows: invoiceOnlyRows,
      lines: [
        { category: 'Beverage', totalCents: 42_000 },
        { category: 'Food', totalCents: 120_000 },
        { category: 'Food', totalCents: 15_200 },
        { category: 'Beverage', totalCents: 10_800 },
      ],
    },
  },
  {
    ...definiteToday,
    id: 55521611,
    name: 'Natarajan Birthday Brunch',
    start: { hour: 12, minute: 0 },
    hours: 2,
    contact: ['Priya', 'Natarajan'],
    guests: 20,
    updatedHoursAgo: 4,
    items: [line(menu.mapleBar, '6'), line(menu.unicornCake, '1')],
  },
  {
    ...definiteToday,
    id: 55521612,
    name: 'Whitfield Board Meeting',
    dayOffset: 1,
    start: { hour: 10, minute: 0 },
    hours: 2,
    contact: ['Sam', 'Whitfield'],
    guests: 24,
    updatedHoursAgo: 1,
    items: [line(menu.glazed, '24'), line(menu.coffee, '24')],
  },
  {
    ...definiteToday,
    id: 55521613,
    name: 'Okafor Team Offsite',
    dayOffset: -1,
    start: { hour: 9, minute: 0 },
    hours: 3,
    contact: ['Grace', 'Okafor'],
    guests: 12,
    updatedHoursAgo: 3,
    usUpdatedAt: true,
    items: [line(menu.mapleBar, '12')],
  },
  {
    ...definiteToday,
    id: 55521614,
    name: "O'Brien Rehearsal Dinner",
    status: 'TENTATIVE',
    start: { hour: 19, minute: 0 },
    hours: 3,
    contact: ['Liam', "O'Brien"],
    guests: 30,
    updatedHoursAgo: 6,
    items: [line(menu.bagels, '2')],
  },
  {
    ...definiteToday,
    id: 55521615,
    name: 'Chen Pop-up Tasting',
    location: popUp,
    start: { hour: 13, minute: 0 },
    hours: 2,
    contact: ['Wei', 'Chen'],
    guests: 8,
    updatedHoursAgo: 8,
    items: [line(menu.mapleBar, '4')],
  },
  {
    ...definiteToday,
    id: 55521616,
    name: 'Kowalski Brewery Tour Breakfast',
    location: denver,
    start: { hour: 8, minute: 0 },
    hours: 2,
    contact: ['Dana', 'Kowalski'],
    guests: 20,
    updatedHoursAgo: 10,
    // A number quantity on purpose: both types occur in the wild.
    items: [line(menu.greenChile, '20'), line(menu.denverCoffee, 20), line(menu.chocCroiss, '12')],
  },
  {
    ...definiteToday,
    id: 55521617,
    name: 'Reed Client Breakfast',
    start: { hour: 17, minute: 30 },
    hours: 2,
    contact: ['Marcus', 'Reed'],
    guests: 10,
    updatedHoursAgo: 20,
    items: [line(menu.mapleBar, '10'), line(menu.glazed, '10')],
  },
  {
    ...definiteToday,
    id: 55521618,
    name: 'Tanaka Walkthrough',
    start: { hour: 15, minute: 0 },
    hours: 1,
    contact: ['Aiko', 'Tanaka'],
    guests: 4,
    updatedHoursAgo: 30,
    items: [instruction('Deliver to the loading dock by 2:30 PM'), instruction('Call Aiko on arrival')],
  },
];

/**
 * The money cases of issue #8: discounts, charges, tax, payments, dated today: the engine writes
 * them with their money. Figures: docs/vendors/sandbox-money.md.
 */
const moneyToday = { status: 'DEFINITE', location: downtown, dayOffset: 0, hours: 2 };
const salesTax = 'Sales Tax';

const moneySpecs: EventSpec[] = [
  {
    // The worked example: 200.00 − 20.00 + 36.00 + 15.08 = 231.08, 50.00 deposit → 181.08 due.
    ...moneyToday,
    id: 55521619,
    name: 'Lindqvist Awards Luncheon',
    start: { hour: 12, minute: 0 },
    contact: ['Astrid', 'Lindqvist'],
    guests: 16,
    updatedHoursAgo: 3,
    items: [
      line(menu.mapleBar, '20'),
      line(menu.glazed, '16'),
      line(menu.coffee, '12'),
      line(menu.bagels, '2'),
      instruction('No nuts please'),
    ],
    customFields: [{ custom_field_name: 'Allergies', value: 'Tree nuts (one guest)' }],
    money: {
      taxName: salesTax,
      discount: '20.00',
      charges: [{ name: 'Service Charge (20%)', percent: '20' }],
      payments: [{ kind: 'deposit', amount: '50.00', daysAgo: 7, method: 'Credit Card' }],
    },
  },
  {
    // A line discount (one burrito free), an 18 % gratuity, and sales tax stacked on the gratuity.
    ...moneyToday,
    id: 55521620,
    name: 'Hollis Brewers Guild Breakfast',
    location: denver,
    start: { hour: 9, minute: 0 },
    contact: ['Owen', 'Hollis'],
    guests: 10,
    updatedHoursAgo: 5,
    items: [line(menu.greenChile, '10', '13.00'), line(menu.denverCoffee, '10'), line(menu.chocCroiss, '6')],
    money: { taxName: salesTax, charges: [{ name: 'Gratuity', percent: '18' }], taxOnCharges: true },
  },
  {
    // Paid in full before the day: a deposit, then the balance; nothing is due.
    ...moneyToday,
    id: 55521621,
    name: 'Abernathy Retirement Brunch',
    start: { hour: 10, minute: 30 },
    contact: ['Ruth', 'Abernathy'],
    guests: 15,
    updatedHoursAgo: 2,
    items: [line(menu.burrito, '15'), line(menu.ojCarafe, '3'), line(menu.coffee, '15')],
    money: {
      taxName: salesTax,
      charges: [{ name: 'Service Charge (20%)', percent: '20' }],
      payments: [
        { kind: 'deposit', amount: '100.00', daysAgo: 10, method: 'Credit Card' },
        { kind: 'payment', amount: '267.79', daysAgo: 1, method: 'Check' },
      ],
    },
  },
  {
    // No line_items in the JSON: the invoice page shows items, a discount, a service charge and a deposit.
    ...moneyToday,
    id: 55521622,
    name: 'Delacroix Product Launch',
    start: { hour: 16, minute: 0 },
    contact: ['Claire', 'Delacroix'],
    guests: 30,
    updatedHoursAgo: 4,
    itemsOnlyInHtml: true,
    items: [
      line(menu.fruitPlatter, '2'),
      line(menu.bagels, '3'),
      line(menu.ojCarafe, '4'),
      line(menu.coffee, '30'),
    ],
    money: {
      taxName: salesTax,
      discount: '40.00',
      charges: [{ name: 'Service Charge (20%)', percent: '20' }],
      payments: [{ kind: 'deposit', amount: '100.00', daysAgo: 5, method: 'ACH' }],
    },
  },
  {
    // A proposal and the invoice list the same items: the grand total is the invoice's alone.
    ...moneyToday,
    id: 55521623,
    name: 'Fujimoto Family Reunion',
    start: { hour: 11, minute: 0 },
    contact: ['Kenji', 'Fujimoto'],
    guests: 20,
    updatedHoursAgo: 6,
    proposalRepeatsItems: true,
    items: [line(menu.mapleBar, '24'), line(menu.coffee, '20')],
    money: { taxName: salesTax },
  },
];

const allSpecs = [...specs, ...moneySpecs];

export const moneyEventIds = moneySpecs.map((s) => String(s.id));
/** Every seeded event the example config injects today (55521620 is Denver's). */
export const eligibleEventIds = ['55521609', '55521610', '55521616', ...moneyEventIds] as const;
export const seededEventIds = allSpecs.map((s) => String(s.id));

/** The fifteen sample events, dated relative to `now` in each location's own zone. */
export function seedTripleSeatEvents(now: Date, portalOrigin: string): SeededEvent[] {
  const at = DateTime.fromJSDate(now);
  return allSpecs.map((spec) => buildSeededEvent(spec, at, portalOrigin));
}
