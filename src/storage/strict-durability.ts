/**
 * Dexie middleware: every read-write transaction that touches the outbox commits with strict
 * durability (flushed to disk before `complete`). Chromium defaults to relaxed since version
 * 121, which could lose a just-recorded payment on power loss; pull pages stay relaxed and fast.
 */
import type { DBCore, Middleware } from 'dexie';

export const STRICT_TABLES = new Set(['outbox']);

export const strictDurability: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'strict-durability-for-outbox',
  create: (down) => ({
    ...down,
    transaction: (stores, mode, options) =>
      down.transaction(
        stores,
        mode,
        mode === 'readwrite' && stores.some((s) => STRICT_TABLES.has(s))
          ? { ...options, durability: 'strict' }
          : options,
      ),
  }),
};
