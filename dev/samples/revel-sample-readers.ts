import { revelOrderMoneySchema } from '../../functions/revel/schemas';
import type { SampleReader } from './sample-reader';

/** Revel's readers by name (each sample's `reader` in its manifest). */
export const revelSampleReaders: Record<string, SampleReader> = {
  'revel.order': (text) => revelOrderMoneySchema.parse(JSON.parse(text)),
};
