import { pgDbMaker } from '../../src/server/testing/databases';
import { runReceiptsContract } from './receipts.contract';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
runReceiptsContract('PostgreSQL', pgDbMaker(url));
