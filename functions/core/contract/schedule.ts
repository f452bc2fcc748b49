/**
 * The scheduled run's interval in minutes: the EventBridge rule's default (lib/stage-settings.ts),
 * the local timer's default (dev/local-defaults.ts), and what the console counts the next run from.
 */
export const DEFAULT_SCHEDULE_MINUTES = 45;
