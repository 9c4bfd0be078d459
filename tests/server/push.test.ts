import { makeSqliteDb } from '../../src/server/testing/databases';
import { runBlobsContract } from './blobs.contract';
import { runDevicesContract } from './devices.contract';
import { runImportContract } from './import.contract';
import { runPushConflictContract } from './push-conflicts.contract';
import { runPushContract } from './push.contract';
import { runListsContract } from './lists.contract';
import { runStatusContract } from './status.contract';

runPushContract('SQLite', makeSqliteDb);
runPushConflictContract('SQLite', makeSqliteDb);
runBlobsContract('SQLite', makeSqliteDb);
runDevicesContract('SQLite', makeSqliteDb);
runImportContract('SQLite', makeSqliteDb);
runStatusContract('SQLite', makeSqliteDb);
runListsContract('SQLite', makeSqliteDb);
