/**
 * The peer's server, run as its own process: express-pouchdb (CouchDB's replication protocol)
 * over PouchDB's in-memory adapter, holding the same documents the real server sends, plus the
 * bench pages as static files (same origin, so no CORS in the measurement).
 *
 * Environment: PORT, STATIC_DIR, DOCS ("file.json=dbname,…": arrays of documents to load).
 * Prints "pouch server at http://127.0.0.1:<port>" when the documents are loaded.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchCore from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';

const MemoryPouch = PouchCore.plugin(memoryAdapter).defaults({ adapter: 'memory' });
const couch = expressPouchDB(MemoryPouch, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: join(process.env['STATIC_DIR'] ?? '.', '..', 'pouch-log.txt'),
});

const staticDir = process.env['STATIC_DIR'] ?? '.';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/couch/')) {
    req.url = url.slice('/couch'.length);
    couch(req, res);
    return;
  }
  const path = normalize(join(staticDir, decodeURIComponent(url.split('?')[0] ?? '/')));
  if (!path.startsWith(staticDir) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
});

async function load(): Promise<void> {
  for (const spec of (process.env['DOCS'] ?? '').split(',').filter(Boolean)) {
    const [file, name] = spec.split('=');
    if (!file || !name) throw new Error(`bad DOCS entry ${spec}`);
    const docs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    const db = new MemoryPouch(name);
    for (let i = 0; i < docs.length; i += 5000) await db.bulkDocs(docs.slice(i, i + 5000));
    const info = await db.info();
    console.log(`loaded ${String(info.doc_count)} documents into ${name}`);
  }
}

await load();
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`pouch server at http://127.0.0.1:${String(port)}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
