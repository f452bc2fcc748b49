/** The console's style sheet: system fonts, visible focus, cards instead of tables below 640 px. */
export const CONSOLE_STYLES = `
:root {
  --ink: #1b1f24; --muted: #505a66; --line: #d4d9df; --page: #f6f7f9; --card: #fff;
  --accent: #0b57d0; --ok: #0f6b2f; --ok-bg: #e3f4e8; --bad: #a4161a; --bad-bg: #fde7e7;
  --warn: #7a4b00; --warn-bg: #fff1d6; --info: #184f8c; --info-bg: #e4eefb;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45;
  color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; }
.skip-link:focus { left: .5rem; z-index: 2; }
.top { background: #12263f; color: #fff; padding: .75rem 1rem; display: flex; flex-wrap: wrap;
  gap: .5rem 1.5rem; align-items: center; }
.top :focus-visible { outline-color: #ffd166; }
.brand { margin: 0; font-weight: 700; }
.brand span { font-weight: 400; opacity: .85; }
.top nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.top nav a, .top nav .link { color: #fff; text-decoration: none; padding: .25rem 0; font: inherit;
  border-bottom: 2px solid transparent; }
.top nav a[aria-current="page"] { border-bottom-color: #ffd166; }
.top nav a:hover, .top nav .link:hover { text-decoration: underline; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
h1, h2, h3 { line-height: 1.2; }
h2 { margin: .5rem 0 1rem; font-size: 1.5rem; }
h3 { margin: 1.5rem 0 .5rem; font-size: 1.15rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem;
  margin: 0 0 1rem; }
.problems { margin-top: 2rem; }
.card > h3:first-child, .card > h2:first-child { margin-top: 0; }
.card dl.facts { margin-top: .75rem; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.sign-in { max-width: 26rem; margin: 2rem auto; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type="password"], input[type="text"], input[type="number"], input[type="date"] {
  font: inherit; padding: .5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; max-width: 24rem; }
button { font: inherit; line-height: inherit; cursor: pointer; border-radius: 6px; padding: .45rem .9rem;
  border: 1px solid var(--accent); background: var(--card); color: var(--accent); }
button.primary { background: var(--accent); color: #fff; }
button.danger { border-color: var(--bad); background: var(--bad); color: #fff; }
button.link { border: 0; background: none; padding: 0; cursor: pointer; }
button[disabled] { opacity: .6; cursor: progress; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; align-items: center; }
.hint, .muted { color: var(--muted); }
.hint { font-size: .9rem; }
.notice { padding: .6rem .8rem; border-radius: 6px; margin: .75rem 0; }
.notice.error { background: var(--bad-bg); color: var(--bad); }
.notice.ok { background: var(--ok-bg); color: var(--ok); }
.notice.info { background: var(--info-bg); color: var(--info); }
table { width: 100%; border-collapse: collapse; background: var(--card); }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-weight: 600; font-size: .85rem; border-radius: 999px;
  padding: .1rem .6rem; white-space: nowrap; }
.outcome-injected { background: var(--ok-bg); color: var(--ok); }
.outcome-failed { background: var(--bad-bg); color: var(--bad); }
.outcome-skipped, .outcome-not_synced { background: #eceff3; color: var(--muted); }
.outcome-in_progress, .outcome-would_inject { background: var(--warn-bg); color: var(--warn); }
.reason { display: block; font-size: .85rem; color: var(--muted); margin-top: .2rem; word-break: break-word; }
code { font-size: .85em; word-break: break-all; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; word-break: break-word; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--line); }
ol.timeline li { padding: 0 0 .9rem 1rem; }
fieldset { border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.choice { display: flex; gap: .5rem; align-items: baseline; margin: .35rem 0; }
.choice label { display: inline; font-weight: 400; margin: 0; }
.switch-row { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1rem;
  align-items: center; border-bottom: 1px solid var(--line); padding: .75rem 0; }
.switch-row:last-child { border-bottom: 0; }
.switch-row h3 { margin: 0 0 .25rem; }
.confirm { background: var(--warn-bg); border-radius: 6px; padding: .75rem; width: 100%; }
.status { position: fixed; bottom: 1rem; right: 1rem; left: 1rem; max-width: 32rem; margin-left: auto;
  background: #12263f; color: #fff; padding: .6rem .9rem; border-radius: 6px; }
.status:empty { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (max-width: 640px) {
  main { padding: .75rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 .75rem; padding: .25rem 0;
    background: var(--card); }
  table.cards td { border: 0; padding: .25rem .75rem; text-align: left; display: grid;
    grid-template-columns: 6.5rem minmax(0, 1fr); gap: .5rem; }
  table.cards td.num { text-align: left; }
  table.cards td > * { justify-self: start; }
  table.cards td::before { content: attr(data-label); font-size: .75rem; font-weight: 600;
    text-transform: uppercase; color: var(--muted); padding-top: .15rem; }
  table.cards { background: none; }
  .table-scroll { overflow-x: auto; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
}
`;
