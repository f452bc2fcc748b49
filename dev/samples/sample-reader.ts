/** Reads one sample's text with one of the project's parsers; throws (a typed error) when it refuses it. */
export type SampleReader = (text: string) => unknown;
