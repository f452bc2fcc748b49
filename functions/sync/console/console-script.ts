import { CONSOLE_SCRIPT_ADMIN } from './console-script-admin';
import { CONSOLE_SCRIPT_BASE } from './console-script-base';
import { CONSOLE_SCRIPT_BOARD } from './console-script-board';
import { CONSOLE_SCRIPT_DOCTOR } from './console-script-doctor';
import { CONSOLE_SCRIPT_EVENT } from './console-script-event';

const START = `
window.addEventListener('hashchange', () => render());
document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn();
  announce('Signed out.');
});
render();
`;

/** The console's one script: the parts in order, inside a strict-mode function so nothing leaks to window. */
export const CONSOLE_SCRIPT = [
  "(() => {\n'use strict';",
  CONSOLE_SCRIPT_BASE,
  CONSOLE_SCRIPT_BOARD,
  CONSOLE_SCRIPT_EVENT,
  CONSOLE_SCRIPT_DOCTOR,
  CONSOLE_SCRIPT_ADMIN,
  START,
  '})();\n',
].join('\n');
