/**
 * The console's script, bundled by esbuild into one file (console-build.ts). Each view module
 * exports its routes; they are registered here, first match wins, then the page renders.
 */
import { adminRoutes } from './admin';
import { announce, onRender, pageElement, render, route, showSignIn, TOKEN_KEY } from './base';
import { boardRoutes } from './board';
import { eventRoutes } from './event';
import { refreshStatus } from './status-bar';

for (const [pattern, renderer] of [...boardRoutes, ...eventRoutes, ...adminRoutes]) route(pattern, renderer);
onRender(refreshStatus);

window.addEventListener('hashchange', () => render());
pageElement('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn();
  announce('Signed out.');
});
render();
