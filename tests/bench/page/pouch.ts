/**
 * The peer: PouchDB (the browser build, its default IndexedDB adapter) replicating the same
 * documents from a CouchDB-compatible server (express-pouchdb) into a new local database.
 */
import PouchDB from 'pouchdb-browser';

export type PouchResult = { ms: number; docsWritten: number; adapter: string; searchableMs?: number };

/** Timed from before the local database is created to the end of the replication. */
async function run(remoteUrl: string, dbName: string, batchSize?: number, viewQuery?: string): Promise<PouchResult> {
  const t0 = performance.now();
  const local = new PouchDB(dbName);
  const info = await local.replicate.from(remoteUrl, batchSize ? { batch_size: batchSize } : {});
  const ms = performance.now() - t0;
  const result: PouchResult = { ms, docsWritten: info.docs_written, adapter: local.adapter };
  if (viewQuery) {
    // A persistent map/reduce view over the search tokens: PouchDB's way to search by prefix.
    await local.put({
      _id: '_design/search',
      views: {
        tokens: {
          map: 'function (doc) { if (doc.searchTokens) doc.searchTokens.forEach(function (t) { emit(t); }); }',
        },
      },
    });
    await local.query('search/tokens', { startkey: viewQuery, endkey: viewQuery + '\uffff', limit: 50 });
    result.searchableMs = performance.now() - t0;
  }
  await local.close();
  return result;
}

declare global {
  // Window is an interface in lib.dom.d.ts; merging needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    pouchBench?: { run: typeof run };
  }
}

window.pouchBench = { run };
