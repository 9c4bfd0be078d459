/**
 * `POST /api/lists/findings-file` (docs/protocol.md "Lists"): the file read and checked exactly as
 * the import would, given back as `.xlsx` with a column of findings. Keeps nothing.
 */
import type { Kysely } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { findingsSheet } from '../lists/findings-sheet';
import { analyseList, type ListInput } from './list-analysis';
import { savedMappings } from './list-mappings';

export async function findingsFile(
  db: Kysely<Database>,
  user: User,
  input: ListInput,
): Promise<Result<{ bytes: Uint8Array; fileName: string; errors: number }, RequestErrorCode>> {
  if (!can(user, 'lists.prepare', input.communeCode)) return err('forbidden');
  const analysed = await analyseList(db, input, await savedMappings(db, input.communeCode));
  if (!analysed.ok) return analysed;
  const { grid, findings, reading } = analysed.value;
  const base = input.fileName.replace(/\.(xlsx|xls|csv)$/iu, '');
  return ok({
    bytes: findingsSheet(grid, findings, reading.headerRow),
    fileName: `${base} - kết quả kiểm tra.xlsx`,
    errors: findings.filter((f) => f.severity === 'error').length,
  });
}
