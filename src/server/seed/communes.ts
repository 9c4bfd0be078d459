/**
 * The communes of the pilot area as synced entities (docs/domain.md §6): reference data, not demo
 * data. Written on every start when missing, so a production server with no demo has the communes
 * its users, lists and tablets name (their names, province and former units).
 */
import type { Kysely } from 'kysely';
import { pilotCommunes } from '../../domain/admin-units';
import type { CommuneData } from '../../protocol/entities';
import type { Database } from '../db/schema';
import { putEntities, type EntityChange } from '../services/entity-store';

/** The pilot communes the database does not hold yet, as entity changes. */
async function missingCommunes(db: Kysely<Database>): Promise<EntityChange[]> {
  const held = await db.selectFrom('entities').select('id').where('entity', '=', 'commune').execute();
  const known = new Set(held.map((r) => r.id));
  return pilotCommunes
    .filter((c) => !known.has(c.code))
    .map((c) => {
      const data: CommuneData & { kind: string } = {
        code: c.code,
        name: c.name,
        kind: c.kind,
        codeVersion: c.codeVersion,
        provinceCode: c.provinceCode,
        formerUnits: c.formerUnits.map((u) => ({ code: u.code, name: u.name })),
      };
      return { entity: 'commune', id: c.code, communeCode: c.code, data };
    });
}

/** Writes the pilot communes not yet held; answers how many were written. */
export async function ensureCommunes(db: Kysely<Database>, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const changes = await missingCommunes(trx);
    if (changes.length > 0) await putEntities(trx, changes, { now });
    return changes.length;
  });
}
