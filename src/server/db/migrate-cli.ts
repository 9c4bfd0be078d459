/** `npm run db:migrate`: brings the configured database (SQLITE_FILE or DATABASE_URL) to the latest version. */
import { createLogger } from '../logger';
import { readEnvConfig } from '../env';
import { openDatabase } from './database';
import { migrateToLatest } from './migrate';

const logger = createLogger();

async function run(): Promise<void> {
  const db = openDatabase(readEnvConfig().database);
  try {
    const { applied } = await migrateToLatest(db);
    logger.announce(
      applied.length ? `Đã chạy migration: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
    );
  } finally {
    await db.close();
  }
}

run().catch((error: unknown) => {
  logger.error('migration failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
