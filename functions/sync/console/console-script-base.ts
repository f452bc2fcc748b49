/**
 * The console script, part 1: DOM helpers, money, the API client, the router and sign-in.
 * Plain browser JavaScript kept as a string (no build step); no template literals inside, so the
 * surrounding String.raw needs no escapes. Joined with the other parts in console-script.ts.
 */
export const CONSOLE_SCRIPT_BASE = String.raw`
const TOKEN_KEY = 'tripleseat-revel-sync.operator-token';
const view = document.getElementById('view');
const statusRegion = document.getElementById('status');
const nav = document.getElementById('nav');

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(el, c);
    return;
  }
  el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
/** The API speaks integer cents; people read dollars. */
const money = (cents) => (typeof cents === 'number' ? dollars.format(cents / 100) : '—');
const enc = encodeURIComponent;

const OUTCOME_LABELS = {
  injected: 'Injected',
  failed: 'Failed',
  skipped: 'Skipped',
  in_progress: 'In progress',
  would_inject: 'Would inject (dry run)',
  not_synced: 'Not synced yet',
};
const outcomeLabel = (outcome) => OUTCOME_LABELS[outcome] || String(outcome || 'unknown');
const badge = (outcome) =>
  h('span', { class: 'badge outcome-' + String(outcome || 'unknown'), text: outcomeLabel(outcome) });
const statusCell = (outcome, reason) => [badge(outcome), reason ? h('span', { class: 'reason', text: reason }) : null];

/** Start time as the board shows it: HH:mm from a local date-time, else what the API gave. */
function clock(value) {
  if (!value) return '—';
  const match = /T(\d\d:\d\d)/.exec(value) || /^(\d\d:\d\d)/.exec(value);
  return match ? match[1] : value;
}

function when(value) {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

function addDays(isoDate, days) {
  const date = new Date(isoDate + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Anything the API returns whose shape the page does not know in advance (drift, preflight, totals). */
function describe(value) {
  if (value === null || value === undefined || value === '') return h('span', { class: 'muted', text: 'none' });
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'muted', text: 'none' });
    return h('ul', {}, value.map((item) => h('li', {}, describe(item))));
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

function table(columns, rows, options) {
  const opts = options || {};
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: opts.cards === false ? '' : 'cards' },
      opts.caption ? h('caption', { class: opts.captionHidden ? 'visually-hidden' : null, text: opts.caption }) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label, class: c.num ? 'num' : null }, c.cell(row)))),
        ),
      ),
    ),
  );
}

class Unauthorized extends Error {}
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, options) {
  const opts = options || {};
  const headers = { authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), accept: 'application/json' };
  let body;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const response = await fetch(path, { method: opts.method || 'GET', headers, body, cache: 'no-store' });
  if (response.status === 401) throw new Unauthorized('unauthorized');
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = (data && (data.error || data.message)) || 'HTTP ' + response.status;
    throw new ApiError(response.status, message);
  }
  return data;
}

/** For parts of a page that may fail on their own (a preview TripleSeat cannot answer) without losing the rest. */
const orError = (promise) =>
  promise.catch((e) => {
    if (e instanceof Unauthorized) throw e;
    return { failure: e.message || String(e) };
  });

function announce(message) {
  statusRegion.textContent = '';
  window.setTimeout(() => {
    statusRegion.textContent = message;
  }, 50);
}

const notice = (kind, text) => h('p', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : null, text });

/** Runs an action from a button: disabled and busy meanwhile, errors shown, 401 back to sign-in. */
async function act(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } catch (e) {
    if (e instanceof Unauthorized) return signOut('The server refused the token. Sign in again.');
    announce('Failed: ' + (e.message || String(e)));
    button.after(notice('error', 'Failed: ' + (e.message || String(e))));
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

const routes = [];
const route = (pattern, renderer) => routes.push([pattern, renderer]);
let renderCount = 0;

function show(nodes, focusTarget) {
  view.replaceChildren();
  append(view, nodes);
  const target = focusTarget || view.querySelector('h2');
  if (target) {
    if (!target.hasAttribute('tabindex') && !/^(INPUT|BUTTON|A)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

async function render() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return showSignIn();
  nav.hidden = false;
  const hash = location.hash || '#/';
  for (const link of nav.querySelectorAll('a')) {
    const href = link.getAttribute('href');
    const current = href === '#/' ? hash === '#/' || hash.startsWith('#/events/') : hash.startsWith(href);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const found = routes.find(([pattern]) => pattern.test(hash));
  const count = ++renderCount;
  document.getElementById('main').setAttribute('aria-busy', 'true');
  try {
    if (!found) return show([h('h2', { text: 'Page not found' }), h('p', {}, h('a', { href: '#/', text: 'Back to today' }))]);
    const match = found[0].exec(hash);
    const nodes = await found[1](...match.slice(1).map(decodeURIComponent));
    if (count === renderCount) show(nodes);
  } catch (e) {
    if (count !== renderCount) return;
    if (e instanceof Unauthorized) return signOut('The server refused the token. Sign in again.');
    show([
      h('h2', { text: 'Could not load this page' }),
      notice('error', e.message || String(e)),
      h('button', { type: 'button', onclick: () => render(), text: 'Try again' }),
    ]);
  } finally {
    document.getElementById('main').removeAttribute('aria-busy');
  }
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

function showSignIn(message) {
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
    h('p', { id: 'token-help', class: 'hint', text: 'Kept for this browser tab only: closing the tab signs you out.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: 'Sign in' })),
  );
  show([form], message ? null : input);
}
`;
