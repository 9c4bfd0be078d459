/** The part of PouchDB's browser build the bench uses (the package ships no types). */
declare module 'pouchdb-browser' {
  type ReplicateInfo = { ok: boolean; docs_read: number; docs_written: number };
  type QueryResult = { total_rows: number; rows: { id: string; key: unknown }[] };
  class PouchDB {
    constructor(name: string, options?: Record<string, unknown>);
    readonly adapter: string;
    replicate: { from(source: string, options?: Record<string, unknown>): Promise<ReplicateInfo> };
    put(doc: Record<string, unknown>): Promise<unknown>;
    query(view: string, options?: Record<string, unknown>): Promise<QueryResult>;
    close(): Promise<void>;
  }
  export default PouchDB;
}
