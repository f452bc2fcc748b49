import * as z from 'zod';

/** A vendor the page could not read, named, with its error code. */
export const vendorOutageSchema = z.strictObject({
  vendor: z.enum(['tripleseat', 'revel']),
  code: z.string(),
  message: z.string(),
});
export type VendorOutageView = z.infer<typeof vendorOutageSchema>;
