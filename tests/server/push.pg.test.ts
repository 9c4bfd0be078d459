import { pgDbMaker } from '../../src/server/testing/databases';
import { runBlobsContract } from './blobs.contract';
import { runDevicesContract } from './devices.contract';
import { runImportContract } from './import.contract';
import { runPushConflictContract } from './push-conflicts.contract';
import { runPushContract } from './push.contract';
import { runListsContract } from './lists.contract';
import { runStatusContract } from './status.contract';

const url = process.env['TEST_DATABASE_URL'];
if (!url) throw new Error('TEST_DATABASE_URL is required for *.pg.test.ts');
runPushContract('PostgreSQL', pgDbMaker(url));
runPushConflictContract('PostgreSQL', pgDbMaker(url));
runBlobsContract('PostgreSQL', pgDbMaker(url));
runDevicesContract('PostgreSQL', pgDbMaker(url));
runImportContract('PostgreSQL', pgDbMaker(url));
runStatusContract('PostgreSQL', pgDbMaker(url));
runListsContract('PostgreSQL', pgDbMaker(url));
