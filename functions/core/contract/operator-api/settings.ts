import * as z from 'zod';

/** The runtime switches an operator can change, by their API names. */
export const settingKeys = ['connector_enabled', 'dry_run', 'test_establishment'] as const;

/** `PUT /api/settings`: a partial change of the switches. */
export const settingsPatchSchema = z
  .strictObject({
    connector_enabled: z.boolean().optional(),
    dry_run: z.boolean().optional(),
    test_establishment: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, {
    message: `give at least one of ${settingKeys.join(', ')}`,
  });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

const switches = z.strictObject({
  connector_enabled: z.boolean(),
  dry_run: z.boolean(),
  test_establishment: z.boolean(),
});

/** `GET|PUT /api/settings`: the switches in effect, as deployed, which are overridden, and by whom. */
export const settingsAnswerSchema = z.strictObject({
  ...switches.shape,
  /** Whether the deployed config names a test location at all (else the switch cannot be turned on). */
  test_establishment_available: z.boolean(),
  deployed: switches,
  overridden: switches,
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;
