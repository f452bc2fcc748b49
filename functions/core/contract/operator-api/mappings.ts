import * as z from 'zod';

export const MAX_UNMAPPED_DAYS = 60;

/** `GET /api/mappings/unmapped?days=`: today and the next `days` days (7 when left out). */
export const unmappedQuerySchema = z.object({
  days: z.coerce
    .number({ error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .int({ error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .min(0, { error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .max(MAX_UNMAPPED_DAYS, { error: `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}` })
    .default(7),
});

export const productSuggestionSchema = z.strictObject({
  revel_product_id: z.number().int(),
  name: z.string(),
  score: z.number(),
});

export const unmappedItemSchema = z.strictObject({
  name: z.string(),
  menu_item_id: z.string().nullable(),
  location_id: z.string(),
  establishment_id: z.number().int(),
  event_ids: z.array(z.string()),
  suggestions: z.array(productSuggestionSchema),
});
export type UnmappedItem = z.infer<typeof unmappedItemSchema>;

export const unmappedAnswerSchema = z.strictObject({
  days: z.number().int(),
  items: z.array(unmappedItemSchema),
});
export type UnmappedAnswer = z.infer<typeof unmappedAnswerSchema>;

/** `PUT /api/mappings`: an item (by menu item id, else name) → a Revel product. */
export const mappingBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    menu_item_id: z
      .union([z.string().min(1).max(64), z.number().int().nonnegative()])
      .transform(String)
      .optional(),
    revel_product_id: z.number().int().positive(),
    establishment_id: z.number().int().positive().optional(),
  })
  .refine((m) => m.name !== undefined || m.menu_item_id !== undefined, {
    message: 'give name or menu_item_id',
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
