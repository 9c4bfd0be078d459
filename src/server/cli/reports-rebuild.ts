/** `npm run reports:rebuild`: fills the report tables again from the entities (docs/reports.md). */
import { systemClock } from '../../lib/clock';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { readEnvConfig } from '../env';
import { createLogger } from '../logger';
import { rebuildReports } from '../reports/rebuild';

const logger = createLogger();

async function run(): Promise<void> {
  const db = openDatabase(readEnvConfig().database);
  try {
    await migrateToLatest(db);
    let shown = 0;
    const { entities } = await rebuildReports(db.kysely, systemClock.now(), (done) => {
      if (done - shown >= 50_000) {
        shown = done;
        logger.announce(`Đang dựng lại bảng báo cáo: ${done.toLocaleString('vi-VN')} bản ghi…`);
      }
    });
    logger.announce(`Đã dựng lại bảng báo cáo từ ${entities.toLocaleString('vi-VN')} bản ghi.`);
  } finally {
    await db.close();
  }
}

run().catch((error: unknown) => {
  logger.error('reports rebuild failed', {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
