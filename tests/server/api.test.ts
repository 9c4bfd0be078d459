import { makeSqliteDb } from '../../src/server/testing/databases';
import { runApiContract } from './api.contract';

runApiContract('SQLite', 'sqlite', makeSqliteDb);
