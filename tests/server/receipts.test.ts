import { makeSqliteDb } from '../../src/server/testing/databases';
import { runReceiptsContract } from './receipts.contract';

runReceiptsContract('SQLite', makeSqliteDb);
