/** Runs the migrations (listed statically so a bundled server carries them). */
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { AppError } from '../../lib/app-error';
import type { AppDatabase } from './database';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-push';
import * as m0003 from './migrations/0003-import';
import * as m0004 from './migrations/0004-ops-append-only';
import * as m0005 from './migrations/0005-approver-role';
import * as m0006 from './migrations/0006-lists';
import * as m0007 from './migrations/0007-month-close';
import * as m0008 from './migrations/0008-list-decisions';
import * as m0009 from './migrations/0009-list-matches';
import * as m0010 from './migrations/0010-list-field-outcomes';
import * as m0011 from './migrations/0011-list-kinds';
import * as m0012 from './migrations/0012-batches';
import * as m0013 from './migrations/0013-opened-accounts';
import * as m0014 from './migrations/0014-result-mappings';
import * as m0015 from './migrations/0015-ops-no-replace';
import * as m0016 from './migrations/0016-login-addresses';
import * as m0017 from './migrations/0017-ops-per-device';
import * as m0018 from './migrations/0018-evidence-views';
import * as m0019 from './migrations/0019-commune-leases';
import * as m0020 from './migrations/0020-blob-refs';
import * as m0021 from './migrations/0021-report-tables';
import { REPORT_MIGRATIONS, rebuildReports } from '../reports/rebuild';
import * as m0022 from './migrations/0022-user-admin';
import * as m0023 from './migrations/0023-report-totals';
import * as m0024 from './migrations/0024-payment-fees';
import * as m0025 from './migrations/0025-report-record-issues';
import * as m0026 from './migrations/0026-report-funnel-indexes';
import * as m0027 from './migrations/0027-blob-refs-missing';
import * as m0028 from './migrations/0028-receipt-keys';
import * as m0029 from './migrations/0029-cash-entries';

const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-push': m0002,
  '0003-import': m0003,
  '0004-ops-append-only': m0004,
  '0005-approver-role': m0005,
  '0006-lists': m0006,
  '0007-month-close': m0007,
  '0008-list-decisions': m0008,
  '0009-list-matches': m0009,
  '0010-list-field-outcomes': m0010,
  '0011-list-kinds': m0011,
  '0012-batches': m0012,
  '0013-opened-accounts': m0013,
  '0014-result-mappings': m0014,
  '0015-ops-no-replace': m0015,
  '0016-login-addresses': m0016,
  '0017-ops-per-device': m0017,
  '0018-evidence-views': m0018,
  '0019-commune-leases': m0019,
  '0020-blob-refs': m0020,
  '0021-report-tables': m0021,
  '0022-user-admin': m0022,
  '0023-report-totals': m0023,
  '0024-payment-fees': m0024,
  '0025-report-record-issues': m0025,
  '0026-report-funnel-indexes': m0026,
  '0027-blob-refs-missing': m0027,
  '0028-receipt-keys': m0028,
  '0029-cash-entries': m0029,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export type MigrateResult = { applied: string[] };

/**
 * Brings the database to the latest version. `schema` (PostgreSQL) keeps Kysely's own
 * migration tables in that schema, for tests that run each in a fresh schema.
 */
export async function migrateToLatest(db: AppDatabase, options: { schema?: string } = {}): Promise<MigrateResult> {
  const result = await migrate(db, options, (migrator) => migrator.migrateToLatest());
  // Report tables made just now start empty: fill them from what the database holds.
  if (result.applied.some((name) => REPORT_MIGRATIONS.includes(name))) await rebuildReports(db.kysely, Date.now());
  return result;
}

/** Brings the database to one migration (tests of an upgrade start from an older version). */
export function migrateTo(db: AppDatabase, target: string, options: { schema?: string } = {}): Promise<MigrateResult> {
  return migrate(db, options, (migrator) => migrator.migrateTo(target));
}

async function migrate(
  db: AppDatabase,
  options: { schema?: string },
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results = [] } = await run(migrator);
  if (error) throw new AppError('migration-failed', 'Database migration failed', { cause: error });
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
