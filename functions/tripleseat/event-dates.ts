/**
 * TripleSeat sends local dates as "MM/DD/YYYY" and starts as "MM/DD/YYYY h:mm AM" next to ISO
 * variants (docs/vendors/tripleseat.md, "Event fields"). These helpers turn each into the engine's
 * `YYYY-MM-DD` and naive local `YYYY-MM-DDTHH:mm:ss`, or undefined when the text is not a real date.
 */

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "12/28/2025" → "2025-12-28". */
export function usDateToIso(text: string | null | undefined): string | undefined {
  const m = US_DATE.exec(text?.trim() ?? '');
  return m ? isoDay(Number(m[3]), Number(m[1]), Number(m[2])) : undefined;
}

/** "2025-12-28" (or an ISO timestamp starting with it) → "2025-12-28". */
export function validIsoDate(text: string | null | undefined): string | undefined {
  const m = ISO_DATE.exec(text?.trim() ?? '');
  return m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** "12/28/2025 6:00 PM" → "2025-12-28T18:00:00"; a 24-hour clock without AM/PM is accepted too. */
export function usDateTimeToLocal(text: string | null | undefined): string | undefined {
  const m = US_DATE_TIME.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const day = isoDay(Number(m[3]), Number(m[1]), Number(m[2]));
  const hour = toHour24(Number(m[4]), m[7]?.toUpperCase());
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  if (day === undefined || hour === undefined || minute > 59 || second > 59) return undefined;
  return `${day}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

function toHour24(hour: number, meridiem: string | undefined): number | undefined {
  if (meridiem === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (meridiem === 'PM' ? 12 : 0);
}

/** "2025-12-28T18:00:00-08:00" → local "2025-12-28T18:00:00", and whether an offset was given. */
export function validIsoLocalDateTime(
  text: string | null | undefined,
): { local: string; hasOffset: boolean } | undefined {
  const m = ISO_LOCAL.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? '0');
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  return { local: `${day}T${pad(hour)}:${pad(minute)}:${pad(second)}`, hasOffset: m[7] !== undefined };
}
