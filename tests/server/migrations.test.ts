import { makeSqliteDbAt } from '../../src/server/testing/databases';
import { runMigrationContract } from './migrations.contract';

runMigrationContract('SQLite', makeSqliteDbAt);
