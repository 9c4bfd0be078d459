/** Opens the server database: SQLite (embedded default) or PostgreSQL, chosen by config. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { withStatementHooks } from './statement-hook';

export type DbKind = 'sqlite' | 'postgres';

export type DatabaseConfig =
  | { kind: 'sqlite'; /** A path, or ':memory:'. */ file: string }
  | {
      kind: 'postgres';
      url: string;
      /** Schema to use instead of public (tests). */ schema?: string;
      poolSize?: number;
    };

export type AppDatabase = {
  kysely: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
};

export type DatabaseEvents = {
  /** A pooled PostgreSQL connection failed while idle (server restart, network); the pool replaces it. */
  onPoolError?: (error: Error) => void;
};

export function openDatabase(config: DatabaseConfig, events: DatabaseEvents = {}): AppDatabase {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config, events);
}

function openSqlite(file: string): AppDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: an acknowledged payment must survive a power cut (docs/protocol.md principle 1).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Keeps planner statistics current, so pull picks the right index as tables grow
  // (the SQLite docs' advice for long-lived connections: on open, and before closing).
  sqlite.pragma('optimize = 0x10002');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    if (sqlite.open) sqlite.pragma('optimize');
    await kysely.destroy();
  };
  return { kysely, kind: 'sqlite', close };
}

/** Prepared statements kept per connection; enough for every query shape of the server. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, which costs more than running it: a push
 * runs about ten small statements per op. Statements are reused by SQL text (parameters are
 * bound per call). A statement still busy with an open iterator is never handed out twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-inserted so the Map's order is least recently used first.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        const oldest = cache.keys().next();
        if (cache.size > STATEMENT_CACHE_SIZE && !oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

const INT8_OID = 20;
const builtinParser: (oid: number, format?: 'text' | 'binary') => unknown = pg.types.getTypeParser;

/** Reads bigint (int8) as a number; every other type as pg does. */
const parseInt8AsNumber = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID ? (v: string) => Number(v) : builtinParser(oid, format)) as typeof pg.types.getTypeParser;

function openPostgres(
  config: { url: string; schema?: string; poolSize?: number },
  events: DatabaseEvents,
): AppDatabase {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    // bigint columns (instants in ms, change sequences, counts) stay far below 2^53: read them as numbers.
    types: { getTypeParser: parseInt8AsNumber },
  });
  // Without a listener an idle connection's error event would crash the process.
  pool.on('error', (error) => events.onPoolError?.(error));
  // Hookable connections: a push commit group writes what it held back before other statements.
  const kysely = new Kysely<Database>({ dialect: withStatementHooks(new PostgresDialect({ pool })) });
  return { kysely, kind: 'postgres', close: () => kysely.destroy() };
}
