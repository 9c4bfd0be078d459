/**
 * A list the preparer is still working on (docs/protocol.md "Lists"): reasons, name-only matches
 * and field findings are answered only on a `draft` or `returned` list, by a user who may prepare
 * the commune's lists, under the list's lock. Another commune's list is not found, not forbidden.
 */
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';

export type PreparingList = { id: string; commune_code: string; period: string; diff: string };

export async function preparingList(
  trx: Transaction<Database>,
  user: User,
  listId: string,
): Promise<Result<PreparingList, RequestErrorCode>> {
  await lockKey(trx, `list:${listId}`);
  const list = await trx
    .selectFrom('lists')
    .select(['id', 'status', 'commune_code', 'period', 'diff'])
    .where('id', '=', listId)
    .executeTakeFirst();
  if (!list || !can(user, 'lists.view', list.commune_code)) return err('not-found');
  if (!can(user, 'lists.prepare', list.commune_code)) return err('forbidden');
  if (list.status !== 'draft' && list.status !== 'returned') return err('list-step-out-of-order');
  return ok({ id: list.id, commune_code: list.commune_code, period: list.period, diff: list.diff });
}
