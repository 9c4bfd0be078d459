/**
 * `npm run demo:list -- --commune 19960 [--month YYYY-MM] [--out file.xlsx]`
 * Writes a demo month's list for a commune (next month by default) from what the server's database
 * holds (SQLITE_FILE or DATABASE_URL, as the server): the file to upload on "Danh sách tháng".
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addMonths } from '../../domain/calendar';
import { vietnamMonth } from '../../lib/clock';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { readEnvConfig } from '../env';
import { demoListFile, demoPeople } from '../lists/demo-list';
import { createLogger } from '../logger';
import { isRecord } from '../services/data-fields';
import { getEntity } from '../services/entity-store';

const logger = createLogger();

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { commune: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' } },
  });
  const commune = values.commune ?? '';
  const month = values.month ?? addMonths(vietnamMonth(Date.now()), 1) ?? '';
  if (!/^\d{5}$/u.test(commune) || !/^\d{4}-(0[1-9]|1[0-2])$/u.test(month)) {
    logger.announce('Cách dùng: npm run demo:list -- --commune <mã xã> [--month YYYY-MM] [--out tệp.xlsx]');
    process.exit(2);
  }
  const db = openDatabase(readEnvConfig().database);
  try {
    await migrateToLatest(db);
    const held = await getEntity(db.kysely, 'commune', commune);
    const name = isRecord(held?.data) && typeof held.data['name'] === 'string' ? held.data['name'] : commune;
    const people = await demoPeople(db.kysely, commune, month);
    if (people.length === 0) {
      logger.announce(`Xã ${commune} không có ai được chi trả tháng trước ${month}: chưa có gì để lập danh sách.`);
      process.exit(1);
    }
    const out = values.out ?? `danh-sach-${commune}-${month}.xlsx`;
    writeFileSync(out, demoListFile(people, month, name));
    logger.announce(`Đã ghi ${out}: ${people.length} người (1 giảm, 1 tăng mới, 1 truy lĩnh), tháng ${month}.`);
  } finally {
    await db.close();
  }
}

void run();
