/**
 * Reports (issue 14, docs/reports.md) on SQLite and PostgreSQL: each report over a small dataset
 * whose figures are worked out by hand below, the scope of the user's communes, and refusals.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../builders/beneficiary';
import { errorBodySchema } from '../../src/protocol/error-codes';
import {
  costResponseSchema,
  funnelResponseSchema,
  methodsResponseSchema,
  progressResponseSchema,
  qualityResponseSchema,
} from '../../src/protocol/reports';
import { rebuildReports } from '../../src/server/reports/rebuild';
import { putEntities, type EntityChange } from '../../src/server/services/entity-store';
import type { MakeDb } from '../../src/server/testing/databases';
import { createHarness, type Harness } from '../../src/server/testing/harness';
import { LOC_AN as LA, PHU_BAI as PB } from '../../src/server/testing/push-world';

const at = (day: string) => `${day}T09:00:00+07:00`;
const fact = (day: string) => ({ opId: `op-${day}`, actorId: 'user-payer', recordedAt: at(day) });
const paid = (day: string, amount: number, kind = 'self') => ({
  status: 'paid' as const,
  payment: { ...fact(day), amount, receiver: kind === 'self' ? { kind } : { kind, fullName: 'Lê Thị Mai' } },
});

/**
 * Phú Bài: P1 bank since July (card handed over), P2 mobile money since September (its November
 * transfer failed), P3 cash paid to a guardian (papers ready; no ID number), P4 paid at home (a
 * phone of the old plan), P5 chose a bank but was absent at home in November (and the card's
 * number says a woman), P6 deceased with a voided line. Lộc An: P7 paid by bank in June, back to
 * cash in November.
 */
function dataset(): EntityChange[] {
  const person = (id: string, commune: string, fields: Record<string, unknown>) => ({
    entity: 'beneficiary' as const,
    id,
    communeCode: commune,
    data: beneficiaryData({ communeCode: commune, ...fields }),
  });
  const line = (id: string, person: string, commune: string, period: string, amount: number, fields = {}) => ({
    entity: 'payment-line' as const,
    id,
    communeCode: commune,
    data: { ...paymentLineData({ beneficiaryId: person, communeCode: commune, periodId: period, amount }), ...fields },
  });
  const check = (id: string, person: string, commune: string, day: string, method: string, reason?: string) => ({
    entity: 'id-check' as const,
    id,
    communeCode: commune,
    data: {
      beneficiaryId: person,
      person: 'beneficiary',
      method,
      reason: reason ?? null,
      overall: method === 'not-possible' ? 'not-checked' : 'match',
      lineId: null,
      ...fact(day),
    },
  });
  return [
    person('P1', PB, { paymentMethod: 'bank', accountStatus: 'card-handed-over' }),
    person('P2', PB, { paymentMethod: 'mobile-money', accountStatus: 'opened' }),
    person('P3', PB, {
      paymentMethod: 'cash-point',
      accountStatus: 'dossier-ready',
      idNumber: null,
      oldIdNumber: null,
    }),
    person('P4', PB, { paymentMethod: 'home-delivery', accountStatus: 'none', phone: '01234567890' }),
    // The card's number says a woman: the record says a man.
    person('P5', PB, { paymentMethod: 'bank', accountStatus: 'submitted', gender: 'male' }),
    person('P6', PB, { paymentMethod: 'bank', accountStatus: 'opened', status: 'deceased', phone: '01234567890' }),
    person('P7', LA, { paymentMethod: 'bank', accountStatus: 'card-handed-over' }),
    line('P1-07', 'P1', PB, '2026-07', 500_000, { method: 'bank', ...paid('2026-07-10', 500_000) }),
    line('P1-11', 'P1', PB, '2026-11', 500_000, { method: 'bank', ...paid('2026-11-12', 500_000) }),
    line('P2-09', 'P2', PB, '2026-09', 600_000, { method: 'mobile-money', ...paid('2026-09-05', 600_000) }),
    line('P2-11', 'P2', PB, '2026-11', 600_000, {
      method: 'mobile-money',
      status: 'failed',
      transfers: [
        {
          ...fact('2026-11-03'),
          batchId: 'batch-1',
          providerId: 'vtm',
          reference: 'R1',
          statusBefore: 'due',
          outcome: { ...fact('2026-11-06'), kind: 'failed', reason: 'Sai số ví', providerReference: null },
        },
      ],
    }),
    line('P3-11', 'P3', PB, '2026-11', 700_000, paid('2026-11-12', 700_000, 'guardian')),
    line('P4-11', 'P4', PB, '2026-11', 800_000, { method: 'home-delivery', ...paid('2026-11-13', 800_000) }),
    line('P5-11', 'P5', PB, '2026-11', 900_000, {
      method: 'home-delivery',
      status: 'unpaid',
      lastVisit: { ...fact('2026-11-13'), reason: 'absent', note: null },
      conflicts: [{ code: 'already-paid' }],
    }),
    line('P6-11', 'P6', PB, '2026-11', 1_000_000, { status: 'void', voids: [{ ...fact('2026-11-02') }] }),
    line('P7-06', 'P7', LA, '2026-06', 1_100_000, { method: 'bank', ...paid('2026-06-20', 1_100_000) }),
    line('P7-11', 'P7', LA, '2026-11', 1_200_000, paid('2026-11-14', 1_200_000)),
    check('C1', 'P1', PB, '2026-11-12', 'qr'),
    check('C2', 'P4', PB, '2026-11-13', 'not-possible', 'no-card'),
    check('C3', 'P3', PB, '2026-10-30', 'manual'),
    check('C4', 'P7', LA, '2026-11-14', 'manual'),
  ];
}

export function runReportsContract(name: string, makeDb: MakeDb): void {
  describe(`reports (${name})`, () => {
    let h: Harness;
    let province: string;
    let locAn: string;
    beforeEach(async () => {
      h = await createHarness({ db: await makeDb() });
      await h.db.kysely.transaction().execute((trx) => putEntities(trx, dataset(), { now: h.clock.now() }));
      await h.addUser('payer', 'payer', [PB]);
      await h.addUser('sup', 'supervisor', [PB, LA]);
      // Read-only monitoring of Lộc An alone.
      await h.addUser('mon-la', 'monitoring', [LA]);
      province = await h.signIn('sup');
      locAn = await h.signIn('mon-la');
    });
    afterEach(() => h.close());

    const get = async (report: string, token: string, period = '2026-11') => {
      const res = await h.request(`/api/reports/${report}?period=${period}`, { token });
      expect(res.status).toBe(200);
      return (await res.json()) as unknown;
    };

    test('people and money by method, month by month', async () => {
      const { rows } = methodsResponseSchema.parse(await get('methods', province));
      const row = (period: string, commune: string, method: string, lines: number, amount: number, paid: number) => ({
        period,
        commune,
        method,
        lines,
        amount,
        paidLines: paid === 0 ? 0 : 1,
        paidAmount: paid,
      });
      expect(rows).toEqual([
        row('2026-06', LA, 'bank', 1, 1_100_000, 1_100_000),
        row('2026-07', PB, 'bank', 1, 500_000, 500_000),
        row('2026-09', PB, 'mobile-money', 1, 600_000, 600_000),
        row('2026-11', PB, 'bank', 1, 500_000, 500_000),
        // P3 paid 700,000; P6's void line of 1,000,000 is not paid.
        row('2026-11', PB, 'cash-point', 2, 1_700_000, 700_000),
        // P4 paid 800,000; P5 unpaid 900,000.
        row('2026-11', PB, 'home-delivery', 2, 1_700_000, 800_000),
        // P2's transfer failed.
        row('2026-11', PB, 'mobile-money', 1, 600_000, 0),
        row('2026-11', LA, 'cash-point', 1, 1_200_000, 1_200_000),
      ]);
    });

    test('the cash → account funnel, with who is still paid without cash three months on', async () => {
      const { rows } = funnelResponseSchema.parse(await get('funnel', province));
      expect(rows).toEqual([
        {
          commune: PB,
          // P6 is deceased: not counted.
          people: 5,
          choseAccount: 3, // P1, P2, P5
          ready: 4, // P1, P2, P3, P5
          submitted: 3, // P1, P2, P5
          opened: 2, // P1, P2
          cardHandedOver: 1, // P1
          firstNonCashPaid: 2, // P1 (July), P2 (September)
          cohortThreeMonths: 1, // P1: first paid in July, on or before August
          stillNonCash: 1, // P1's November line is by bank
        },
        {
          commune: LA,
          people: 1,
          choseAccount: 1,
          ready: 1,
          submitted: 1,
          opened: 1,
          cardHandedOver: 1,
          firstNonCashPaid: 1,
          cohortThreeMonths: 1,
          stillNonCash: 0, // back to cash in November
        },
      ]);
    });

    test('the month’s progress: by day, by status and reason, failed transfers, home deliveries by payer', async () => {
      const progress = progressResponseSchema.parse(await get('progress', province));
      expect(progress.byDay).toEqual([
        { commune: PB, day: '2026-11-12', lines: 2, amount: 1_200_000 },
        { commune: PB, day: '2026-11-13', lines: 1, amount: 800_000 },
        { commune: LA, day: '2026-11-14', lines: 1, amount: 1_200_000 },
      ]);
      expect(progress.byStatus).toEqual([
        { commune: PB, status: 'failed', reason: null, lines: 1, amount: 600_000 },
        { commune: PB, status: 'paid', reason: null, lines: 3, amount: 2_000_000 },
        { commune: PB, status: 'unpaid', reason: 'absent', lines: 1, amount: 900_000 },
        { commune: PB, status: 'void', reason: null, lines: 1, amount: 1_000_000 },
        { commune: LA, status: 'paid', reason: null, lines: 1, amount: 1_200_000 },
      ]);
      expect(progress.failedTransfers).toEqual([{ commune: PB, lines: 1, amount: 600_000 }]);
      expect(progress.homeDeliveriesByPayer).toEqual([
        { commune: PB, payerId: 'user-payer', payerName: 'Người dùng payer', lines: 1, amount: 800_000 },
      ]);
    });

    test('quality: records failing domain checks, ID checks by how, receivers, conflicts and voids', async () => {
      const quality = qualityResponseSchema.parse(await get('quality', province));
      expect(quality.idChecks).toEqual([
        { commune: PB, method: 'not-possible', reason: 'no-card', checks: 1 },
        { commune: PB, method: 'qr', reason: null, checks: 1 },
        { commune: LA, method: 'manual', reason: null, checks: 1 },
      ]);
      expect(quality.receivers).toEqual([
        { commune: PB, kind: 'guardian', lines: 1 },
        { commune: PB, kind: 'self', lines: 2 },
        { commune: LA, kind: 'self', lines: 1 },
      ]);
      // Active people only: P6 (deceased) has a bad phone too.
      expect(quality.records).toEqual([
        { commune: PB, people: 5, badIdNumber: 1, noIdNumber: 1, badPhone: 1 },
        { commune: LA, people: 1, badIdNumber: 0, noIdNumber: 0, badPhone: 0 },
      ]);
      expect(quality.disputes).toEqual([
        { commune: PB, conflicts: 1, voids: 1 },
        { commune: LA, conflicts: 0, voids: 0 },
      ]);
    });

    test('a monitoring user of one commune sees that commune only, in every report', async () => {
      const methods = methodsResponseSchema.parse(await get('methods', locAn));
      const funnel = funnelResponseSchema.parse(await get('funnel', locAn));
      const progress = progressResponseSchema.parse(await get('progress', locAn));
      const quality = qualityResponseSchema.parse(await get('quality', locAn));
      const cost = costResponseSchema.parse(await get('cost', locAn));
      // The pilot's fees are divided by the pilot's payments; only the count in scope is the user's.
      expect(cost.rows.filter((r) => r.period === '2026-11' && r.method === 'cash-point')).toMatchObject([
        { paidLines: 2, paidLinesInScope: 1 },
      ]);
      const communes = [
        ...methods.rows,
        ...funnel.rows,
        ...progress.byDay,
        ...progress.byStatus,
        ...progress.failedTransfers,
        ...progress.homeDeliveriesByPayer,
        ...quality.idChecks,
        ...quality.receivers,
        ...quality.disputes,
        ...quality.records,
      ].map((r) => r.commune);
      expect(communes.length).toBeGreaterThan(0);
      expect(new Set(communes)).toEqual(new Set([LA]));
      // And no personal data on their device: a reports-only user pulls nothing.
      const pull = await h.request('/api/sync/pull', { token: locAn });
      expect(pull.status).toBe(403);
    });

    test('cost: the fees an admin enters, divided by the payments they paid for', async () => {
      await h.addUser('admin', 'admin', []);
      const admin = await h.signIn('admin');
      const put = (token: string, body: unknown, period = '2026-11') =>
        h.request(`/api/reports/fees/${period}`, { method: 'PUT', token, body });
      const fees = {
        fees: [
          { method: 'home-delivery', amount: 80_000, note: 'Bưu điện: 80.000 đ một lần chi tại nhà' },
          { method: 'mobile-money', amount: 3_000 },
          { method: 'bank', amount: 10_000 },
        ],
      };
      expect((await put(admin, fees)).status).toBe(200);
      // Only an admin; amounts are whole đồng, not negative.
      expect((await put(province, fees)).status).toBe(403);
      expect((await put(locAn, fees)).status).toBe(403);
      expect((await put(admin, { fees: [{ method: 'bank', amount: -1 }] })).status).toBe(400);
      expect((await put(admin, { fees: [{ method: 'bank', amount: 1.5 }] })).status).toBe(400);
      expect((await put(admin, fees, '2026-13')).status).toBe(404);
      expect((await put(admin, fees, '0000-01')).status).toBe(404);
      // One fee per method: two for the same method is a typing error, not "the last wins".
      const twice = {
        fees: [
          { method: 'bank', amount: 5 },
          { method: 'bank', amount: 6 },
        ],
      };
      expect((await put(admin, twice)).status).toBe(400);

      const { rows } = costResponseSchema.parse(await get('cost', locAn));
      const november = rows.filter((r) => r.period === '2026-11');
      expect(november).toEqual([
        // P1 in Phú Bài paid by bank: the only bank payment of the pilot, none in Lộc An.
        {
          period: '2026-11',
          method: 'bank',
          fee: 10_000,
          note: null,
          paidLines: 1,
          paidLinesInScope: 0,
          costPerPayment: 10_000,
        },
        // P2's transfer failed: a fee and no payment gives no cost per payment.
        {
          period: '2026-11',
          method: 'mobile-money',
          fee: 3_000,
          note: null,
          paidLines: 0,
          paidLinesInScope: 0,
          costPerPayment: null,
        },
        // P3 in Phú Bài and P7 in Lộc An, no fee entered.
        {
          period: '2026-11',
          method: 'cash-point',
          fee: null,
          note: null,
          paidLines: 2,
          paidLinesInScope: 1,
          costPerPayment: null,
        },
        {
          period: '2026-11',
          method: 'home-delivery',
          fee: 80_000,
          note: 'Bưu điện: 80.000 đ một lần chi tại nhà',
          paidLines: 1,
          paidLinesInScope: 0,
          costPerPayment: 80_000,
        },
      ]);
      // Earlier months: only where something was paid (June in Lộc An, July and September in Phú Bài).
      expect(rows.filter((r) => r.period !== '2026-11').map((r) => `${r.period} ${r.method}`)).toEqual([
        '2026-06 bank',
        '2026-07 bank',
        '2026-09 mobile-money',
      ]);
    });

    test('a rebuild from the entities gives the rows kept live', async () => {
      const k = h.db.kysely;
      const tables = async () => ({
        lines: await k.selectFrom('report_lines').selectAll().orderBy('line_id').execute(),
        people: await k.selectFrom('report_people').selectAll().orderBy('beneficiary_id').execute(),
        months: await k.selectFrom('report_people_months').selectAll().orderBy('beneficiary_id').execute(),
        checks: await k.selectFrom('report_id_checks').selectAll().orderBy('check_id').execute(),
        totals: (await k.selectFrom('report_line_totals').selectAll().where('lines', '>', 0).execute())
          .map((r) => JSON.stringify(r))
          .sort(),
        days: (await k.selectFrom('report_paid_days').selectAll().where('lines', '>', 0).execute())
          .map((r) => JSON.stringify(r))
          .sort(),
        firsts: await k.selectFrom('report_first_non_cash').selectAll().orderBy('beneficiary_id').execute(),
      });
      const live = await tables();
      expect(live.lines).toHaveLength(10);
      await k.deleteFrom('report_lines').execute();
      expect(await rebuildReports(k, h.clock.now())).toEqual({ entities: 21 });
      expect(await tables()).toEqual(live);
    });

    test('field staff are refused; a bad period or an unknown report is a clear error', async () => {
      const payer = await h.signIn('payer');
      const code = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
      const refused = await h.request('/api/reports/funnel?period=2026-11', { token: payer });
      expect([refused.status, await code(refused)]).toEqual([403, 'forbidden']);
      const badPeriod = await h.request('/api/reports/funnel?period=2026-13', { token: province });
      expect([badPeriod.status, await code(badPeriod)]).toEqual([400, 'invalid-query']);
      const unknown = await h.request('/api/reports/salaries?period=2026-11', { token: province });
      expect([unknown.status, await code(unknown)]).toEqual([404, 'not-found']);
    });
  });
}
