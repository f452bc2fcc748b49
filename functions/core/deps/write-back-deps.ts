import type { TripleSeatNotesApi } from '#functions/core/ports/tripleseat-notes';
import type { WriteBackLog } from '#functions/core/ports/write-back-log';

/** Where the notes go and where what was written is remembered (built by the composition root). */
export interface WriteBackDeps {
  notes: TripleSeatNotesApi;
  log: WriteBackLog;
}
