import { makeSqliteDb } from '../testing/databases';
import { runApiContract } from './api.contract';

runApiContract('SQLite', 'sqlite', makeSqliteDb);
