/** The parts of the PouchDB server packages the bench uses (they ship no types). */
declare module 'pouchdb-core' {
  type Db = {
    bulkDocs(docs: Record<string, unknown>[]): Promise<unknown>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
  };
  type PouchCtor = {
    new (name: string): Db;
    plugin(plugin: unknown): PouchCtor;
    defaults(options: Record<string, unknown>): PouchCtor;
  };
  const PouchDB: PouchCtor;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  function expressPouchDB(
    PouchDB: unknown,
    options?: Record<string, unknown>,
  ): (req: IncomingMessage, res: ServerResponse) => void;
  export default expressPouchDB;
}
