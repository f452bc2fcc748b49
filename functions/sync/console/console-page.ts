/**
 * The console's one HTML page. Everything it shows is built by the script from the operator API;
 * the strict Content-Security-Policy (functions/sync/http/console-route.ts) allows no inline script
 * or style, so the page holds neither. `{{version}}` becomes the assets' content hash.
 */
export const CONSOLE_PAGE_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sync console — TripleSeat to Revel</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/app.css?v={{version}}">
<script src="/console/app.js?v={{version}}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
  <p class="brand">TripleSeat → Revel <span>sync console</span></p>
  <nav id="nav" aria-label="Console" hidden>
    <ul>
      <li><a href="#/">Today</a></li>
      <li><a href="#/unmapped">Unmapped items</a></li>
      <li><a href="#/runs">Runs</a></li>
      <li><a href="#/dlq">Dead letters <span id="dlq-count" class="count" hidden></span></a></li>
      <li><a href="#/settings">Switches</a></li>
      <li><button type="button" id="sign-out" class="link">Sign out</button></li>
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
  <div id="banners"></div>
  <div id="status" class="status" role="status" aria-live="polite" aria-atomic="true"></div>
  <div id="view"><noscript><p>The console needs JavaScript.</p></noscript></div>
</main>
</body>
</html>
`;
