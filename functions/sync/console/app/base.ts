/**
 * The console's foundations: DOM helpers, money, the API client, the router and sign-in.
 * The views (board.ts, event.ts, admin.ts, doctor.ts) build on these; main.ts registers their routes.
 */

export const TOKEN_KEY = 'tripleseat-revel-sync.operator-token';

/** An element the page (console-page.ts) always holds. */
export function pageElement(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The console page has no #${id}`);
  return element;
}

export const view = pageElement('view');
const statusRegion = pageElement('status');
const nav = pageElement('nav');

/** What h() and append() accept as children: nodes, text, nothing, or lists of them. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined;
/** Attributes by name, `text` for the text content, `on<event>` for listeners. */
export type Attrs = { [name: string]: AttrValue | ((event: Event) => unknown) };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, child: Child): void {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
    return;
  }
  el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
/** The API speaks integer cents; people read dollars. */
export const money = (cents: unknown): string =>
  typeof cents === 'number' ? dollars.format(cents / 100) : '—';
export const enc = encodeURIComponent;

const OUTCOME_LABELS: Record<string, string> = {
  injected: 'Injected',
  failed: 'Failed',
  skipped: 'Skipped',
  in_progress: 'In progress',
  would_inject: 'Would inject (dry run)',
  not_synced: 'Not synced yet',
  not_eligible: 'Not eligible',
};
export const outcomeLabel = (outcome: string | null | undefined): string =>
  (outcome ? OUTCOME_LABELS[outcome] : undefined) || String(outcome || 'unknown');
export const badge = (outcome: string | null | undefined): HTMLSpanElement =>
  h('span', { class: `badge outcome-${String(outcome || 'unknown')}`, text: outcomeLabel(outcome) });
export const statusCell = (outcome: string | null | undefined, reason: string | null | undefined): Child => [
  badge(outcome),
  reason ? h('span', { class: 'reason', text: reason }) : null,
];

/** Start time as the board shows it: HH:mm from a local date-time, else what the API gave. */
export function clock(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /T(\d\d:\d\d)/.exec(value) || /^(\d\d:\d\d)/.exec(value);
  return match?.[1] ?? value;
}

export function when(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  // Labelled with its zone: the board's event times are in each location's zone, this in the browser's.
  return Number.isNaN(date.getTime())
    ? String(value)
    : date.toLocaleString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      });
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Anything the API returns whose shape the page does not know in advance (drift, preflight, totals). */
export function describe(value: unknown): Node {
  if (value === null || value === undefined || value === '')
    return h('span', { class: 'muted', text: 'none' });
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'muted', text: 'none' });
    return h(
      'ul',
      {},
      value.map((item) => h('li', {}, describe(item))),
    );
  }
  if (typeof value === 'object') {
    return h(
      'dl',
      { class: 'facts' },
      Object.entries(value).map(([key, v]) => [
        h('dt', { text: key === 'cents' ? 'amount' : key.replace(/_cents$/, '').replace(/_/g, ' ') }),
        h('dd', {}, /(^|_)cents$/.test(key) && typeof v === 'number' ? money(v) : describe(v)),
      ]),
    );
  }
  return document.createTextNode(String(value));
}

export interface Column<Row> {
  label: string;
  num?: boolean;
  cell: (row: Row) => Child;
}

export interface TableOptions {
  cards?: boolean;
  caption?: string;
  captionHidden?: boolean;
}

export function table<Row>(
  columns: Column<Row>[],
  rows: readonly Row[],
  options?: TableOptions,
): HTMLElement {
  const opts = options || {};
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: opts.cards === false ? '' : 'cards' },
      opts.caption
        ? h('caption', { class: opts.captionHidden ? 'visually-hidden' : null, text: opts.caption })
        : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            {},
            columns.map((c) => h('td', { 'data-label': c.label, class: c.num ? 'num' : null }, c.cell(row))),
          ),
        ),
      ),
    ),
  );
}

export class Unauthorized extends Error {}
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
}

/** The operator API's answer as `Answer`: the page trusts the API it ships with. */
export async function api<Answer>(path: string, options?: ApiOptions): Promise<Answer> {
  const opts = options || {};
  const headers: Record<string, string> = {
    authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`,
    accept: 'application/json',
  };
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const init: RequestInit = { method: opts.method || 'GET', headers, cache: 'no-store' };
  if (body !== undefined) init.body = body;
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized('unauthorized');
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const problem = data as { error?: string; message?: string } | null;
    const message = (problem && (problem.error || problem.message)) || `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return data as Answer;
}

export const messageOf = (e: unknown): string => (e instanceof Error && e.message) || String(e);

/** What orError() gives: the answer, or why it failed. */
export type OrFailure<Answer> = Partial<Answer> & { failure?: string };

/** For parts of a page that may fail on their own (a preview TripleSeat cannot answer) without losing the rest. */
export const orError = <Answer>(promise: Promise<Answer>): Promise<OrFailure<Answer>> =>
  promise.then(
    (answer) => answer as OrFailure<Answer>,
    (e: unknown): OrFailure<Answer> => {
      if (e instanceof Unauthorized) throw e;
      return { failure: messageOf(e) } as OrFailure<Answer>;
    },
  );

/** How long a status message stays on screen before it clears itself. */
const ANNOUNCE_MS = 6000;
let announceTimer: number | undefined;

/** A short status message (read out by screen readers), cleared after a while and on the next page. */
export function announce(message: string): void {
  statusRegion.textContent = '';
  window.clearTimeout(announceTimer);
  window.setTimeout(() => {
    statusRegion.textContent = message;
    announceTimer = window.setTimeout(() => {
      statusRegion.textContent = '';
    }, ANNOUNCE_MS);
  }, 50);
}

const clearAnnouncement = (): void => {
  window.clearTimeout(announceTimer);
  statusRegion.textContent = '';
};

export const notice = (kind: string, text: string): HTMLParagraphElement =>
  h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null, text });

/** The button a click listener was added to. */
export const clicked = (event: Event): HTMLButtonElement => event.currentTarget as HTMLButtonElement;

/** Runs an action from a button: disabled and busy meanwhile, errors shown, 401 back to sign-in. */
export async function act(button: HTMLButtonElement, work: () => Promise<unknown>): Promise<void> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (e) {
    if (e instanceof Unauthorized) return signOut('The server refused the token. Sign in again.');
    announce(`Failed: ${messageOf(e)}`);
    button.after(notice('error', `Failed: ${messageOf(e)}`));
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A view: the hash's captured parts in, the page's nodes out. */
export type Renderer = (...params: string[]) => Promise<Child>;
export type Route = readonly [pattern: RegExp, renderer: Renderer];

const routes: Route[] = [];
/** Called on every page render, beside the view (the status bar: banners and the DLQ count). */
const renderHooks: (() => Promise<void>)[] = [];
export const onRender = (hook: () => Promise<void>): void => {
  renderHooks.push(hook);
};
export const route = (pattern: RegExp, renderer: Renderer): void => {
  routes.push([pattern, renderer]);
};
let renderCount = 0;
let idCount = 0;
/** A number for element ids no other part of the page has used. */
export const nextId = (): number => ++idCount;

function show(nodes: Child, focusTarget?: HTMLElement | null): void {
  view.replaceChildren();
  append(view, nodes);
  const target = focusTarget || view.querySelector('h2');
  if (target) {
    if (!target.hasAttribute('tabindex') && !/^(INPUT|BUTTON|A)$/.test(target.tagName))
      target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

export async function render(): Promise<void> {
  if (!sessionStorage.getItem(TOKEN_KEY)) return showSignIn();
  nav.hidden = false;
  clearAnnouncement();
  for (const hook of renderHooks) void hook();
  const hash = location.hash || '#/';
  for (const link of nav.querySelectorAll('a')) {
    const href = link.getAttribute('href') ?? '';
    const current = href === '#/' ? hash === '#/' || hash.startsWith('#/events/') : hash.startsWith(href);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const found = routes.find(([pattern]) => pattern.test(hash));
  const count = ++renderCount;
  pageElement('main').setAttribute('aria-busy', 'true');
  try {
    if (!found)
      return show([
        h('h2', { text: 'Page not found' }),
        h('p', {}, h('a', { href: '#/', text: 'Back to today' })),
      ]);
    const match = found[0].exec(hash) ?? [];
    const nodes = await found[1](...match.slice(1).map((part) => decodeURIComponent(part ?? '')));
    if (count === renderCount) show(nodes);
  } catch (e) {
    if (count !== renderCount) return;
    if (e instanceof Unauthorized) return signOut('The server refused the token. Sign in again.');
    show([
      h('h2', { text: 'Could not load this page' }),
      notice('error', messageOf(e)),
      h('button', { type: 'button', onclick: () => render(), text: 'Try again' }),
    ]);
  } finally {
    pageElement('main').removeAttribute('aria-busy');
  }
}

function signOut(message: string): void {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

export function showSignIn(message?: string): void {
  nav.hidden = true;
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const form = h(
    'form',
    {
      class: 'card sign-in',
      'aria-labelledby': 'sign-in-title',
      onsubmit: (event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!token) return;
        sessionStorage.setItem(TOKEN_KEY, token);
        render();
      },
    },
    h('h2', { id: 'sign-in-title', text: 'Sign in' }),
    message ? notice('error', message) : null,
    h('label', { for: 'token', text: 'Operator token' }),
    input,
    h('p', {
      id: 'token-help',
      class: 'hint',
      text: 'Kept for this browser tab only: closing the tab signs you out.',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: 'Sign in' })),
  );
  show([form], message ? null : input);
}
