import * as z from 'zod';
import { OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';

export const MAX_UNMAPPED_DAYS = OPERATOR_LIMITS.unmappedDays;

/** `GET /api/mappings/unmapped?days=`: today and the next `days` days (7 when left out). */
export const unmappedQuerySchema = z.object({
  days: z.coerce
    .number({ error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .int({ error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .min(0, { error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .max(MAX_UNMAPPED_DAYS, { error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .default(7),
});

/** A Revel product offered for an item (core/ops/fuzzy-match.ts): price, category, difference to TripleSeat's. */
export const productChoiceSchema = z.strictObject({
  revel_product_id: z.number().int(),
  name: z.string(),
  price_cents: z.number().int(),
  category: z.string().nullable(),
  /** The product's price minus TripleSeat's unit price; null when no TripleSeat price was given. */
  price_difference_cents: z.number().int().nullable(),
});
export type ProductChoice = z.infer<typeof productChoiceSchema>;

export const productSuggestionSchema = productChoiceSchema.extend({ score: z.number() });

export const unmappedItemSchema = z.strictObject({
  name: z.string(),
  menu_item_id: z.string().nullable(),
  location_id: z.string(),
  establishment_id: z.number().int(),
  event_ids: z.array(z.string()),
  /** TripleSeat's unit price of the item (the first event's). */
  unit_price_cents: z.number().int(),
  suggestions: z.array(productSuggestionSchema),
  /** The establishment's open-price product (keeps TripleSeat's name); null when none. */
  open_price_product: productChoiceSchema.nullable(),
});
export type UnmappedItem = z.infer<typeof unmappedItemSchema>;

export const unmappedAnswerSchema = z.strictObject({
  days: z.number().int(),
  /** The lowest score a suggestion has (`items.suggestionThreshold`). */
  suggestion_threshold: z.number(),
  items: z.array(unmappedItemSchema),
});
export type UnmappedAnswer = z.infer<typeof unmappedAnswerSchema>;

/** `GET /api/mappings/products?establishment_id=&q=[&unit_price_cents=]`: checked by the use case (with reasons). */
export const productSearchQuerySchema = z.object({
  establishment_id: z.string().optional(),
  q: z.string().optional(),
  unit_price_cents: z.string().optional(),
});

export const productSearchAnswerSchema = z.strictObject({
  establishment_id: z.number().int(),
  q: z.string(),
  products: z.array(productChoiceSchema),
  /** More products matched than are listed. */
  more: z.boolean(),
});
export type ProductSearchAnswer = z.infer<typeof productSearchAnswerSchema>;

/** `PUT /api/mappings`: an item (by menu item id, else name) → a Revel product of one establishment. */
export const mappingBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    menu_item_id: z
      .union([z.string().min(1).max(64), z.number().int().nonnegative()])
      .transform(String)
      .optional(),
    /** Required: product ids differ between establishments, so a mapping holds for one only. */
    establishment_id: z.number().int().positive(),
    revel_product_id: z.number().int().positive().optional(),
    /** The establishment's open-price product, chosen on purpose (the line keeps TripleSeat's name). */
    open_price: z.literal(true).optional(),
  })
  .refine((m) => m.name !== undefined || m.menu_item_id !== undefined, {
    message: 'give name or menu_item_id',
  })
  .refine((m) => (m.revel_product_id === undefined) !== (m.open_price === undefined), {
    message: 'give exactly one of revel_product_id or open_price: true',
  });
export type MappingBody = z.input<typeof mappingBodySchema>;

export const runtimeMappingSchema = z.strictObject({
  key: z.string(),
  name: z.string().nullable(),
  menu_item_id: z.string().nullable(),
  revel_product_id: z.number().int(),
  establishment_id: z.number().int().nullable(),
  operator: z.string(),
  at: z.string(),
});
export type RuntimeMappingView = z.infer<typeof runtimeMappingSchema>;

export const mappingAnswerSchema = z.strictObject({
  mapping: runtimeMappingSchema.nullable(),
  product: productChoiceSchema.extend({ open_price: z.boolean() }),
  mappings: z.array(runtimeMappingSchema),
});
export type MappingAnswer = z.infer<typeof mappingAnswerSchema>;

/** `GET /api/mappings/export`: the runtime mappings as a JSON Patch (RFC 6902) for the config file. */
export const mappingExportAnswerSchema = z.strictObject({
  runtime_mappings: z.array(runtimeMappingSchema),
  patch: z.array(
    z.strictObject({
      op: z.literal('replace'),
      path: z.literal('/items/mapping'),
      value: z.array(
        z.strictObject({
          menuItemId: z.string().optional(),
          name: z.string().optional(),
          revelProductId: z.number().int(),
          establishmentId: z.number().int().optional(),
        }),
      ),
    }),
  ),
});
export type MappingExportAnswer = z.infer<typeof mappingExportAnswerSchema>;
