/**
 * Setting a commune's "about the pilot" text (issue 17, docs/protocol.md "About the pilot"): the
 * text is checked by the domain's rule and written into the commune's entity, so every device of
 * the commune pulls it with the next sync and shows it offline; null puts the app's default back.
 */
import type { Kysely } from 'kysely';
import { aboutPilotProblems, tidyAbout, type AboutPilot } from '../../domain/about-pilot';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { getEntityForUpdate, putEntities } from './entity-store';

export async function setAboutPilot(
  db: Kysely<Database>,
  user: User,
  input: { commune: string; about: AboutPilot | null; now: number },
): Promise<Result<AboutPilot | null, RequestErrorCode>> {
  if (!can(user, 'about.edit', input.commune)) return err('forbidden');
  const about = input.about === null ? null : tidyAbout(input.about);
  if (about !== null && aboutPilotProblems(about).length > 0) return err('invalid-about');
  return db.transaction().execute(async (trx) => {
    const commune = await getEntityForUpdate(trx, 'commune', input.commune);
    if (!commune || commune.deleted) return err('not-found');
    const data = { ...(commune.data as Record<string, unknown>), aboutPilot: about };
    await putEntities(trx, [{ entity: 'commune', id: input.commune, communeCode: input.commune, data }], {
      now: input.now,
    });
    return ok(about);
  });
}
