/**
 * Queries built and compiled once per dialect, then run with new values. Building and compiling
 * a Kysely query costs more than running it on SQLite (a push's profile: about half the time
 * outside the database went to operation nodes, `freeze` and the compiler), and the push path
 * runs the same handful of statements for every op.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { isPostgres } from './dialect';
import type { Database } from './schema';

/** Stands for the argument `name` while the query is built; replaced by its value on each run. */
export type ArgOf<Args> = <K extends keyof Args & string>(name: K) => Args[K];

type Compiled<Row> = { query: CompiledQuery<Row>; slots: (string | undefined)[] };

const MARKER = '\u0001prepared-arg:';

/**
 * `build` must put every value that varies into the query through `arg` (as a bound value, never
 * an identifier), and must build the same SQL for every call: it is called once per dialect.
 */
export function preparedQuery<Args extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, arg: ArgOf<Args>) => Compilable<Row>,
): (db: Kysely<Database>, args: Args) => Promise<Row[]> {
  const byDialect = new Map<boolean, Compiled<Row>>();
  const arg = ((name: string) => `${MARKER}${name}`) as ArgOf<Args>;
  return async (db, args) => {
    const dialect = isPostgres(db);
    let compiled = byDialect.get(dialect);
    if (!compiled) {
      const query = build(db, arg).compile();
      const slots = query.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARKER) ? p.slice(MARKER.length) : undefined,
      );
      compiled = { query, slots };
      byDialect.set(dialect, compiled);
    }
    const { query, slots } = compiled;
    const parameters = slots.map((name, i) => (name === undefined ? query.parameters[i] : args[name]));
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
