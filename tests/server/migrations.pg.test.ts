import { pgDbMakerAt } from '../../src/server/testing/databases';
import { runMigrationContract } from './migrations.contract';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
runMigrationContract('PostgreSQL', pgDbMakerAt(url));
