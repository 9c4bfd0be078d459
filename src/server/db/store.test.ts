import { makeSqliteDb } from '../testing/databases';
import { runStoreContract } from './store.contract';

runStoreContract('SQLite', makeSqliteDb);
