import { revelReferenceSchema, tastypieList } from '#functions/revel/schemas';
import { eventSearchPageSchema, tokenResponseSchema } from '#functions/tripleseat/schemas';
import type { SampleReader } from './sample-reader';

/** Readers of the other responses `npm run doctor -- --save` keeps (dev/samples/capture-folder.ts). */
export const doctorSampleReaders: Record<string, SampleReader> = {
  'tripleseat.token': (text) => tokenResponseSchema.parse(JSON.parse(text)),
  'tripleseat.search': (text) => eventSearchPageSchema.parse(JSON.parse(text)),
  'revel.list': (text) => tastypieList(revelReferenceSchema).parse(JSON.parse(text)).objects,
  'revel.object': (text) => revelReferenceSchema.parse(JSON.parse(text)),
};
