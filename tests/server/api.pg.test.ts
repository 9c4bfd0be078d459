import { pgDbMaker } from '../../src/server/testing/databases';
import { runApiContract } from './api.contract';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
runApiContract('PostgreSQL', 'postgres', pgDbMaker(url));
