/**
 * Providers and result mappings through the HTTP API (docs/protocol.md "Batches"): only an admin
 * defines a provider, a template that cannot make a file or a code taken is refused, an edited
 * example is no longer an example; a result file whose columns cannot be found is answered with
 * its headers, and once mapped for the provider it reads.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exampleTemplates } from '../../src/domain/batch-templates.examples';
import { providersResponseSchema, resultPreviewSchema, type ProviderInput } from '../../src/protocol/batches';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { ensureExampleProviders } from '../../src/server/batches/providers';
import { seedBankPeople } from '../fixtures/batch-world';
import type { MakeDb } from '../../src/server/testing/databases';
import { createPushWorld, type World } from '../../src/server/testing/push-world';

const bankTemplate = exampleTemplates.find((e) => e.method === 'bank')?.template;

export function runProvidersContract(name: string, makeDb: MakeDb): void {
  describe(`payment providers (${name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      await ensureExampleProviders(w.h.db.kysely, { now: w.h.clock.now(), enabled: false });
    });
    afterEach(() => w.h.close());

    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
    const put = (id: string, token: string, provider: unknown) =>
      w.h.request(`/api/providers/${id}`, { method: 'PUT', token, body: { protocol: 1, ...(provider as object) } });
    const providers = async () =>
      providersResponseSchema.parse(await (await w.h.request('/api/providers', { token: w.actors.admin.token })).json())
        .providers;
    const vcb: ProviderInput = {
      code: 'VCB',
      name: 'Vietcombank Huế',
      kind: 'bank',
      aliases: ['Vietcombank'],
      template: bankTemplate ?? expect.unreachable('the example bank template'),
      disabled: false,
    };

    test('the examples are there, marked and disabled in production; only an admin defines providers', async () => {
      const examples = await providers();
      expect(examples.map((p) => [p.code, p.isExample, p.disabled])).toEqual([
        ['AGRMAU', true, true],
        ['VTMMAU', true, true],
      ]);
      const bySupervisor = await put('p-vcb', w.actors.supervisor.token, vcb);
      expect([bySupervisor.status, await errorCode(bySupervisor)]).toEqual([403, 'forbidden']);
      expect((await put('p-vcb', w.actors.admin.token, vcb)).status).toBe(200);
      // An example an admin edits is the admin's own template from then on.
      const agribank = examples[0] ?? expect.unreachable();
      const edited = await put(agribank.id, w.actors.admin.token, {
        ...vcb,
        code: 'AGR',
        name: 'Agribank Huế',
        aliases: ['Agribank'],
      });
      expect(edited.status).toBe(200);
      expect((await providers()).map((p) => [p.code, p.isExample])).toEqual([
        ['AGR', false],
        ['VCB', false],
        ['VTMMAU', true],
      ]);
    });

    test('a template that cannot make a file, or a code another provider has, is refused', async () => {
      const noAmount = { ...vcb, template: { ...vcb.template, columns: [{ header: 'STK', field: 'accountNumber' }] } };
      const refused = await put('p-x', w.actors.admin.token, noAmount);
      expect([refused.status, await errorCode(refused)]).toEqual([422, 'invalid-provider']);
      const badPlaceholder = { ...vcb, template: { ...vcb.template, content: 'TGXH {thang}' } };
      expect((await put('p-x', w.actors.admin.token, badPlaceholder)).status).toBe(422);
      const taken = await put('p-x', w.actors.admin.token, { ...vcb, code: 'VTMMAU' });
      expect([taken.status, await errorCode(taken)]).toEqual([422, 'invalid-provider']);
      const badCode = await put('p-x', w.actors.admin.token, { ...vcb, code: 'vcb hue' });
      expect([badCode.status, await errorCode(badCode)]).toEqual([400, 'invalid-body']);
      expect((await providers()).map((p) => p.code)).toEqual(['AGRMAU', 'VTMMAU']);
    });

    test('a result file with unknown headers is answered with them; mapped once, it reads', async () => {
      await w.h.db.kysely.updateTable('providers').set({ disabled: 0 }).execute();
      await seedBankPeople(w);
      const sup = w.actors.supervisor.token;
      const agribank = (await providers()).find((p) => p.code === 'AGRMAU') ?? expect.unreachable();
      await w.h.addUser('approver', 'approver', ['19960']);
      const approver = await w.h.signIn('approver');
      const created = (await (
        await w.h.request('/api/batches', {
          token: sup,
          body: { providerId: agribank.id, commune: '19960', period: '2026-11' },
        })
      ).json()) as { batch: { id: string; reference: string } };
      const batch = created.batch;
      await w.h.request(`/api/batches/${batch.id}/approve`, { token: approver, body: {} });
      expect((await w.h.request(`/api/batches/${batch.id}/file`, { token: sup })).status).toBe(200);
      const csv = `Ref;Money;Outcome\r\n${batch.reference}-00001;750000;OK\r\n`;
      const upload = () =>
        w.h.app.request(`/api/batches/${batch.id}/results`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sup}`, 'x-filename': 'kq.csv' },
          body: new TextEncoder().encode(csv).slice().buffer,
        });
      const unknown = resultPreviewSchema.parse(await (await upload()).json());
      expect(unknown).toMatchObject({ importId: null, headers: ['Ref', 'Money', 'Outcome'] });
      const mapping = {
        columns: { reference: 'Ref', amount: 'Money', status: 'Outcome' },
        paidValues: ['ok'],
      };
      // Only for the communes one works in: no default without admin rights, no other commune.
      const noCommune = await w.h.request(`/api/providers/${agribank.id}/result-mapping`, {
        method: 'PUT',
        token: sup,
        body: { protocol: 1, mapping },
      });
      expect(noCommune.status).toBe(403);
      await w.h.addUser('sup-la', 'supervisor', ['20140']);
      const otherCommune = await w.h.request(`/api/providers/${agribank.id}/result-mapping?commune=19960`, {
        method: 'PUT',
        token: await w.h.signIn('sup-la'),
        body: { protocol: 1, mapping },
      });
      expect(otherCommune.status).toBe(403);
      const mapped = await w.h.request(`/api/providers/${agribank.id}/result-mapping?commune=19960`, {
        method: 'PUT',
        token: sup,
        body: {
          protocol: 1,
          mapping: { columns: { reference: 'Ref', amount: 'Money', status: 'Outcome' }, paidValues: ['ok'] },
        },
      });
      expect(mapped.status).toBe(200);
      const read = resultPreviewSchema.parse(await (await upload()).json());
      expect(read).toMatchObject({ paid: 1, failed: 0 });
      expect(read.importId).not.toBeNull();
      // A payer may not map a provider's files.
      const byPayer = await w.h.request(`/api/providers/${agribank.id}/result-mapping?commune=19960`, {
        method: 'PUT',
        token: w.actors.payer.token,
        body: { protocol: 1, mapping: { columns: {}, paidValues: ['ok'] } },
      });
      expect(byPayer.status).toBe(403);
    });
  });
}
