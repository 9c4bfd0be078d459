/**
 * Payment providers (issue 12, docs/protocol.md "Batches"): an admin defines each one with the
 * template of its batch file; a supervisor saves how its result files read. The two examples in
 * domain/batch-templates.examples.ts are written on the first start, marked as examples (and
 * disabled in production, where an admin makes a real template from them).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { checkTemplate, type BatchTemplate } from '../../domain/batch-template';
import { exampleTemplates } from '../../domain/batch-templates.examples';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import { resultMappingSchema, type Provider, type ProviderInput, type ResultMapping } from '../../protocol/batches';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database, ProvidersTable } from '../db/schema';

export function providerOf(row: Selectable<ProvidersTable>): Provider {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    aliases: JSON.parse(row.aliases) as string[],
    template: JSON.parse(row.template) as BatchTemplate,
    disabled: row.disabled === 1,
    isExample: row.is_example === 1,
    resultMapping: row.result_mapping === null ? null : resultMappingSchema.parse(JSON.parse(row.result_mapping)),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/** The line method a provider pays: banks and the post office pay accounts, the others wallets. */
export const methodOf = (p: Pick<Provider, 'kind'>): 'bank' | 'mobile-money' =>
  p.kind === 'mobile-money' ? 'mobile-money' : 'bank';

export async function listProviders(db: Kysely<Database>, user: User): Promise<Result<Provider[], RequestErrorCode>> {
  if (!can(user, 'batches.view') && !can(user, 'providers.manage')) return err('forbidden');
  const rows = await db.selectFrom('providers').selectAll().orderBy('name').execute();
  return ok(rows.map(providerOf));
}

export async function getProvider(db: Kysely<Database>, id: string): Promise<Provider | undefined> {
  const row = await db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && providerOf(row);
}

/** Creates or changes a provider (admin). Its template must be able to make a file; its code is its own. */
export async function putProvider(
  db: Kysely<Database>,
  user: User,
  input: { id: string; provider: ProviderInput; now: number },
): Promise<Result<Provider, RequestErrorCode>> {
  if (!can(user, 'providers.manage')) return err('forbidden');
  const p = input.provider;
  if (checkTemplate(p.template).length > 0) return err('invalid-provider');
  return db.transaction().execute(async (trx) => {
    const sameCode = await trx
      .selectFrom('providers')
      .select('id')
      .where('code', '=', p.code)
      .where('id', '!=', input.id)
      .executeTakeFirst();
    if (sameCode) return err('invalid-provider');
    const values = {
      code: p.code,
      name: p.name.normalize('NFC'),
      kind: p.kind,
      aliases: JSON.stringify(p.aliases.map((a) => a.normalize('NFC'))),
      template: JSON.stringify(p.template),
      disabled: p.disabled ? 1 : 0,
      updated_by: user.id,
      updated_at: input.now,
    };
    const held = await trx.selectFrom('providers').select('id').where('id', '=', input.id).executeTakeFirst();
    // An edited example is the admin's own template from now on.
    if (held)
      await trx
        .updateTable('providers')
        .set({ ...values, is_example: 0 })
        .where('id', '=', input.id)
        .execute();
    else
      await trx
        .insertInto('providers')
        .values({ ...values, id: input.id, is_example: 0, result_mapping: null })
        .execute();
    const row = await trx.selectFrom('providers').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    return ok(providerOf(row));
  });
}

/**
 * How the provider's result files read, saved for its next file: for one commune by a supervisor
 * of it, or (no commune) as every commune's default by an admin. A supervisor never changes how
 * another commune's results are read.
 */
export async function putResultMapping(
  db: Kysely<Database>,
  user: User,
  input: { providerId: string; commune: string | undefined; mapping: ResultMapping; now: number },
): Promise<Result<Provider, RequestErrorCode>> {
  const { commune } = input;
  if (commune === undefined ? !can(user, 'providers.manage') : !can(user, 'batches.prepare', commune))
    return err('forbidden');
  const provider = await getProvider(db, input.providerId);
  if (!provider) return err('not-found');
  const mapping = JSON.stringify(input.mapping);
  if (commune === undefined) {
    await db
      .updateTable('providers')
      .set({ result_mapping: mapping, updated_by: user.id, updated_at: input.now })
      .where('id', '=', provider.id)
      .execute();
  } else {
    const row = { mapping, updated_by: user.id, updated_at: input.now };
    await db
      .insertInto('provider_result_mappings')
      .values({ provider_id: provider.id, commune_code: commune, ...row })
      .onConflict((oc) => oc.columns(['provider_id', 'commune_code']).doUpdateSet(row))
      .execute();
  }
  return ok((await getProvider(db, provider.id)) ?? provider);
}

/** The mapping a commune's result files of the provider are read by: its own, else the default. */
export async function resultMappingFor(
  db: Kysely<Database>,
  provider: Provider,
  commune: string,
): Promise<ResultMapping | null> {
  const own = await db
    .selectFrom('provider_result_mappings')
    .select('mapping')
    .where('provider_id', '=', provider.id)
    .where('commune_code', '=', commune)
    .executeTakeFirst();
  return own ? resultMappingSchema.parse(JSON.parse(own.mapping)) : provider.resultMapping;
}

const exampleProviders = [
  { code: 'AGRMAU', name: 'Agribank (mẫu ví dụ)', kind: 'bank', aliases: ['Agribank'] },
  { code: 'VTMMAU', name: 'Viettel Money (mẫu ví dụ)', kind: 'mobile-money', aliases: ['Viettel Money'] },
] as const;

/**
 * Writes the two example providers when there is no provider yet; `enabled` only outside
 * production (a demo pays through them). Returns how many were written.
 */
export async function ensureExampleProviders(
  db: Kysely<Database>,
  options: { now: number; enabled: boolean },
): Promise<number> {
  const any = await db.selectFrom('providers').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const rows = exampleProviders.map((p) => {
    const example = exampleTemplates.find((t) => t.method === (p.kind === 'bank' ? 'bank' : 'mobile-money'));
    return {
      id: randomUUID(),
      code: p.code,
      name: p.name,
      kind: p.kind,
      aliases: JSON.stringify(p.aliases),
      template: JSON.stringify(example?.template),
      result_mapping: null,
      is_example: 1,
      disabled: options.enabled ? 0 : 1,
      updated_by: 'system',
      updated_at: options.now,
    };
  });
  await db.insertInto('providers').values(rows).execute();
  return rows.length;
}
