import * as z from 'zod/mini';

/**
 * A TripleSeat event id as every entry point accepts it: 1–15 digits (15 keeps it an exact integer
 * in JSON numbers). zod/mini: the verifier imports this.
 */
export const EVENT_ID_PATTERN = /^\d{1,15}$/;

/** The largest id TripleSeat may send as a JSON number (15 digits). */
export const MAX_NUMERIC_EVENT_ID = 999_999_999_999_999;

export const eventIdSchema = z.string().check(z.regex(EVENT_ID_PATTERN));

export const isEventId = (text: string): boolean => EVENT_ID_PATTERN.test(text);
