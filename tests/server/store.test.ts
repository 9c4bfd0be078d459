import { makeSqliteDb } from '../../src/server/testing/databases';
import { runStoreContract } from './store.contract';

runStoreContract('SQLite', makeSqliteDb);
