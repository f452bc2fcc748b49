/**
 * Reads one sample's text with one of the project's parsers; throws (a typed error) when it refuses
 * it. A reader that runs the engine's own steps (extractEventInvoice is async) returns a promise.
 */
export type SampleReader = (text: string) => unknown;
