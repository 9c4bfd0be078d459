/**
 * Column mappings a user fixed (docs/protocol.md "Lists"): per commune and source (the folded
 * header texts of a file's layout), field → column letter; the next import of that layout reads
 * its columns so.
 */
import type { Kysely } from 'kysely';
import { checkMapping } from '../../domain/list-mapping';
import type { SavedMapping } from '../../domain/list-import';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';

export async function savedMappings(db: Kysely<Database>, communeCode: string): Promise<Map<string, SavedMapping>> {
  const rows = await db
    .selectFrom('list_mappings')
    .select(['source_key', 'mapping'])
    .where('commune_code', '=', communeCode)
    .execute();
  return new Map(rows.map((r) => [r.source_key, JSON.parse(r.mapping) as SavedMapping]));
}

export async function saveMapping(
  db: Kysely<Database>,
  user: User,
  input: { commune: string; sourceKey: string; fields: Record<string, string>; now: number },
): Promise<Result<SavedMapping, RequestErrorCode>> {
  if (!can(user, 'lists.prepare', input.commune)) return err('forbidden');
  const checked = checkMapping(input.fields);
  if (!checked.ok) return err('invalid-mapping');
  const mapping = JSON.stringify(checked.value);
  await db
    .insertInto('list_mappings')
    .values({
      commune_code: input.commune,
      source_key: input.sourceKey.normalize('NFC'),
      mapping,
      updated_by: user.id,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['commune_code', 'source_key']).doUpdateSet({ mapping, updated_by: user.id, updated_at: input.now }),
    )
    .execute();
  return ok(checked.value);
}
