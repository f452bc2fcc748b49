// dynalite ships no types; this covers the one call the local runtime makes.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** Milliseconds a table stays CREATING / DELETING / UPDATING (default 500). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    /** LevelDB directory; in memory when absent. */
    path?: string;
    verbose?: boolean;
    debug?: boolean;
  }

  /** Returns an http.Server that is not yet listening; its close() also closes the store. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
