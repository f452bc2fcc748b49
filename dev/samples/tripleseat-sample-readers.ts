import { tripleSeatEventSchema } from '../../functions/tripleseat/schemas';
import type { SampleReader } from './sample-reader';

/** TripleSeat's readers by name (each sample's `reader` in its manifest). */
export const tripleSeatSampleReaders: Record<string, SampleReader> = {
  'tripleseat.event': (text) => tripleSeatEventSchema.parse(JSON.parse(text)),
};
