const REDACTED = '(redacted)';

/** Keys whose values are credentials wherever they appear. */
const SECRET_KEY = /token|secret|password|api_?key|authori[sz]ation|signature/i;
/** Keys whose values name or reach a guest, wherever they appear. */
const CONTACT_KEY =
  /^(first_name|last_name|full_name|email|email_address|phone|phone_number|mobile|call_name|notes|special_request|address|address1|address2|street|zip|zip_code)$/i;
/** Containers whose every text is a guest's: TripleSeat's contact and account, Revel's customer. */
const CONTACT_CONTAINER =
  /^(contact|contacts|account|customer|lead|billing_address|delivery_address|custom_fields|email_addresses|phone_numbers)$/i;
const EMAIL = /[^\s@"]+@[^\s@"]+\.[a-z]{2,}/gi;
const PHONE = /\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}/g;
const PORTAL_KEY = /\/doc\/[0-9a-f]{40}\//gi;

/**
 * A vendor response made safe to commit as a fixture: no guest name, e-mail or phone, no token or
 * secret; every field and its type kept, so our readers meet the same shapes.
 */
export function sanitiseJson(value: unknown, secrets: readonly string[]): unknown {
  const known = secrets.filter((s) => s.length >= 6);
  const text = (s: string): string => {
    let out = s
      .replace(EMAIL, REDACTED)
      .replace(PHONE, REDACTED)
      .replace(PORTAL_KEY, `/doc/${'0'.repeat(40)}/`);
    for (const secret of known) out = out.replaceAll(secret, REDACTED);
    return out;
  };
  const walk = (
    v: unknown,
    key: string,
    insideContact: boolean,
    parent: Record<string, unknown> | undefined,
  ): unknown => {
    if (typeof v === 'string') {
      if (SECRET_KEY.test(key) || CONTACT_KEY.test(key) || insideContact) return REDACTED;
      // An event's own name often names the guest ("Smith rehearsal dinner").
      if (key === 'name' && parent && ('event_date' in parent || 'event_start' in parent)) return REDACTED;
      return text(v);
    }
    if (typeof v === 'number' && (insideContact || /phone|number$/i.test(key))) return insideContact ? 0 : v;
    if (Array.isArray(v)) return v.map((item) => walk(item, key, insideContact, parent));
    if (typeof v === 'object' && v !== null) {
      const object = v as Record<string, unknown>;
      const inside = insideContact || CONTACT_CONTAINER.test(key);
      return Object.fromEntries(
        Object.entries(object).map(([k, item]) => [k, walk(item, k, inside, object)]),
      );
    }
    return v;
  };
  return walk(value, '', false, undefined);
}
