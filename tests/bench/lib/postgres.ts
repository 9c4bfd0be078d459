/**
 * A throw-away PostgreSQL database for the push measurement: created on the server named by
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL, else CI's local default) and dropped afterwards.
 */
import pg from 'pg';

const CI_DEFAULT = 'postgres://chitra:chitra@localhost:5432/postgres';

export type TempDatabase = { url: string; drop: () => Promise<void> };

export async function createTempDatabase(): Promise<TempDatabase | { unavailable: string }> {
  const admin = process.env['BENCH_DATABASE_URL'] || process.env['TEST_DATABASE_URL'] || CI_DEFAULT;
  const name = `chitra_bench_${String(process.pid)}_${String(Date.now())}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
  } catch (e) {
    await client.end().catch(() => undefined);
    return { unavailable: `PostgreSQL not reachable at ${admin.replace(/:[^:@/]*@/, ':***@')}: ${String(e)}` };
  }
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
