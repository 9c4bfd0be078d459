/**
 * PostgreSQL connections whose transaction can run work before each statement sent through it:
 * a commit group (push-group-pg.ts) holds its ops' writes back and must write them before any
 * statement that could read them (or fail after them). A dialect wrapper, so every connection of
 * the pool is hookable; nothing runs unless a transaction sets a hook, and the hook is cleared
 * when the connection goes back to the pool.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
  Transaction,
} from 'kysely';
import { assert } from '../../lib/assert';
import type { Database } from './schema';

/** Runs a statement on the hooked connection directly: no hook, and outside Kysely's queue. */
export type RunStatement = <R>(query: CompiledQuery<R>) => Promise<QueryResult<R>>;

class HookableConnection implements DatabaseConnection {
  before: ((query: CompiledQuery) => Promise<void>) | null = null;
  readonly inner: DatabaseConnection;
  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.before) await this.before(query);
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    // A stream would read past what the hook holds back; nothing streams inside a push group.
    assert(this.before === null, 'a statement streamed while a statement hook is set');
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class HookableDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, HookableConnection>();
  private readonly inner: Driver;
  constructor(inner: Driver) {
    this.inner = inner;
  }

  init = () => this.inner.init();
  destroy = () => this.inner.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(connection);
    if (!wrapper) {
      wrapper = new HookableConnection(connection);
      this.wrappers.set(connection, wrapper);
    }
    return wrapper;
  }

  // Transaction control goes to the real connection: never through a hook.
  beginTransaction = (c: DatabaseConnection, settings: TransactionSettings) =>
    this.inner.beginTransaction(unwrap(c), settings);
  commitTransaction = (c: DatabaseConnection) => this.inner.commitTransaction(unwrap(c));
  rollbackTransaction = (c: DatabaseConnection) => this.inner.rollbackTransaction(unwrap(c));

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    if (c instanceof HookableConnection) c.before = null;
    await this.inner.releaseConnection(unwrap(c));
  }
}

const unwrap = (c: DatabaseConnection): DatabaseConnection => (c instanceof HookableConnection ? c.inner : c);

/** The dialect with hookable connections (savepoints are not offered: the server writes its own). */
export function withStatementHooks(dialect: Dialect): Dialect {
  return {
    createDriver: () => new HookableDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

/**
 * Calls `before` ahead of every statement sent through `trx` until `release`; `run` sends a
 * statement past it. Null when the transaction's connection is not hookable (not opened by
 * `openDatabase`). The caller must not send through `run` while a statement of `trx` is running.
 */
export async function hookStatements(
  trx: Transaction<Database>,
  before: (query: CompiledQuery) => Promise<void>,
): Promise<{ run: RunStatement; release: () => void } | null> {
  const connection = await trx.getExecutor().provideConnection((c) => Promise.resolve(c));
  if (!(connection instanceof HookableConnection)) return null;
  connection.before = before;
  return {
    run: (query) => connection.inner.executeQuery(query),
    release: () => {
      connection.before = null;
    },
  };
}
