import { STATUS_CODES } from 'node:http';

const reason = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** TripleSeat answers auth failures with its sign-in page, not JSON (docs/vendors/tripleseat.md, "Auth"). */
export function tripleSeatLoginPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Tripleseat | Sign In</title></head>
<body class="sessions new">
  <div class="login-box">
    <h1>Sign in to Tripleseat</h1>
    <form action="/sign_in" method="post">
      <input type="hidden" name="authenticity_token" value="sandbox">
      <label for="user_email">Email</label><input type="email" id="user_email" name="user[email]">
      <label for="user_password">Password</label><input type="password" id="user_password" name="user[password]">
      <button type="submit">Sign In</button>
    </form>
  </div>
</body>
</html>
`;
}

/** Revel's 403/404 pages are HTML (docs/vendors/revel.md, "Errors and limits"). */
export function errorPage(status: number): string {
  return `<html><head><title>${status} ${reason(status)}</title></head><body><h1>${reason(status)}</h1><p>The requested URL was not handled by this server.</p></body></html>\n`;
}

/** What a load balancer in front of the vendor sends when the upstream is slow or down. */
export function gatewayErrorPage(status: number): string {
  return `<html>
<head><title>${status} ${reason(status)}</title></head>
<body>
<center><h1>${status} ${reason(status)}</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;
}
