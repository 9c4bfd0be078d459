/**
 * Non-cash payout through the HTTP API (docs/protocol.md "Batches"), on SQLite and PostgreSQL: a
 * batch of the example bank's lines with its checks, four eyes, the first download sending the
 * lines (and every later one the same bytes), a result file with a failure, an unmatched row, a
 * duplicate and a wrong amount shown before anything applies, the balance, a failed line rerouted
 * to home delivery and paid by a payer, cancelling, and result files that must apply nothing.
 */
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bankResultXlsx, walletResultCsv, type ResultLine } from '../fixtures/batch-files';
import { people, seedBankPeople } from '../fixtures/batch-world';
import { runProvidersContract } from './batch-providers.contract';
import { batchResponseSchema, providersResponseSchema, resultPreviewSchema } from '../../src/protocol/batches';
import { errorBodySchema } from '../../src/protocol/error-codes';
import { ensureExampleProviders } from '../../src/server/batches/providers';
import type { MakeDb } from '../../src/server/testing/databases';
import { createPushWorld, PHU_BAI, type World } from '../../src/server/testing/push-world';

export function runBatchesContract(name: string, makeDb: MakeDb): void {
  runProvidersContract(name, makeDb);
  describe(`non-cash batches (${name})`, () => {
    let w: World;
    let approver: string;
    let bankId: string;
    let walletId: string;
    beforeEach(async () => {
      w = await createPushWorld({ db: await makeDb() });
      await seedBankPeople(w);
      await ensureExampleProviders(w.h.db.kysely, { now: w.h.clock.now(), enabled: true });
      await w.h.addUser('approver', 'approver', [PHU_BAI]);
      approver = await w.h.signIn('approver');
      const res = await w.h.request('/api/providers', { token: w.actors.supervisor.token });
      const { providers } = providersResponseSchema.parse(await res.json());
      bankId = providers.find((p) => p.kind === 'bank')?.id ?? expect.unreachable('the example bank');
      walletId = providers.find((p) => p.kind === 'mobile-money')?.id ?? expect.unreachable('the example wallet');
    });
    afterEach(() => w.h.close());

    const sup = () => w.actors.supervisor.token;
    const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;
    const batchOf = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(200);
      return batchResponseSchema.parse(await res.json()).batch;
    };
    const prepare = async (providerId: string) =>
      batchOf(
        await w.h.request('/api/batches', {
          token: sup(),
          body: { providerId, commune: PHU_BAI, period: '2026-11' },
        }),
      );
    const post = (path: string, token: string, body: unknown = {}) => w.h.request(path, { token, body });
    const upload = (batchId: string, bytes: Uint8Array, fileName: string, token = sup()) =>
      w.h.app.request(`/api/batches/${batchId}/results`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-filename': encodeURIComponent(fileName) },
        body: bytes.slice().buffer,
      });
    const preview = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(200);
      return resultPreviewSchema.parse(await res.json());
    };
    const lineStatus = async (id: string) => (await w.entity('payment-line', id))?.data;

    /** Prepared by the supervisor, approved by the approver, its file downloaded. */
    async function exported(providerId = bankId) {
      const batch = await prepare(providerId);
      await batchOf(await post(`/api/batches/${batch.id}/approve`, approver));
      const file = await w.h.request(`/api/batches/${batch.id}/file`, { token: sup() });
      expect(file.status).toBe(200);
      return { batch, bytes: new Uint8Array(await file.arrayBuffer()) };
    }

    test('prepare: the provider’s lines pass the checks or are held back with why; four eyes before the file', async () => {
      const batch = await prepare(bankId);
      expect(batch).toMatchObject({ status: 'draft', lineCount: 2, total: 1_830_000 });
      expect(batch.reference).toBe(`AGRMAU-${PHU_BAI}-202611-1`);
      expect(batch.lines.map((l) => l.lineId)).toEqual(['line-an', 'line-binh']);
      expect(batch.heldBack.map((h) => [h.lineId, h.code])).toEqual([
        ['line-badAccount', 'account-invalid'],
        ['line-otherHolder', 'holder-differs'],
      ]);
      expect(batch.heldBack[0]?.message).toMatch(/Số tài khoản/);
      // Not approved: no file. Its preparer cannot approve it; an officer cannot see it.
      const early = await w.h.request(`/api/batches/${batch.id}/file`, { token: sup() });
      expect([early.status, await errorCode(early)]).toEqual([409, 'batch-step-out-of-order']);
      const own = await post(`/api/batches/${batch.id}/approve`, sup());
      expect([own.status, await errorCode(own)]).toEqual([403, 'own-batch']);
      expect((await w.h.request(`/api/batches/${batch.id}`, { token: w.actors.officer.token })).status).toBe(404);
      expect((await lineStatus('line-an'))?.['status']).toBe('due');
      // The same lines cannot go in a second batch meanwhile.
      const second = await prepare(bankId);
      expect(second.lineCount).toBe(0);
      expect(second.heldBack.filter((h) => h.code === 'in-other-batch').map((h) => h.lineId)).toEqual([
        'line-an',
        'line-binh',
      ]);
    });

    test('the first download sends the lines; every later one is the same file; tablets see them transferred', async () => {
      const { batch, bytes } = await exported();
      const book = XLSX.read(bytes);
      const grid = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0] ?? ''] ?? {}, { header: 1 });
      expect(grid[0]).toEqual([
        'STT',
        'Số tài khoản',
        'Tên chủ tài khoản',
        'Số CCCD',
        'Số tiền',
        'Nội dung',
        'Mã tham chiếu',
      ]);
      expect(grid[1]).toEqual([
        1,
        '4000111222333',
        'NGUYEN VAN AN',
        '046152999001',
        750_000,
        'TGXH thang 11/2026 Nguyễn Văn An',
        `${batch.reference}-00001`,
      ]);
      expect(grid.at(-1)).toEqual(['Tổng cộng', '', '', '', 1_830_000, '', '']);
      const again = await w.h.request(`/api/batches/${batch.id}/file`, { token: approver });
      expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
      expect(await lineStatus('line-an')).toMatchObject({ status: 'transferred', transfers: [{ batchId: batch.id }] });
      // Two ops, one per line, in the op log.
      const sent = await w.h.db.kysely
        .selectFrom('ops')
        .select('entity_id')
        .where('type', '=', 'payment.transfer-send')
        .execute();
      expect(sent.map((o) => o.entity_id).sort()).toEqual(['line-an', 'line-binh']);
      const { changes } = await w.pull(w.actors.payer);
      expect(changes.find((c) => c.id === 'line-an')?.data).toMatchObject({ status: 'transferred' });
      // Cash paid on a line waiting for the bank is a conflict for a supervisor, never a second payment.
      const { payer } = w.actors;
      const cash = await w.push(payer, [
        w.op(payer, 'payment.record', 'line-an', { amount: 750_000, receiver: { kind: 'self' } }),
      ]);
      expect(cash.results[0]).toMatchObject({ status: 'conflict', code: 'already-paid' });
      // No device may send a transfer op itself.
      const forged = await w.push(w.actors.supervisor, [
        w.op(w.actors.supervisor, 'payment.transfer-result', 'line-binh', { batchId: batch.id, outcome: 'paid' }),
      ]);
      expect(forged.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    });

    test('results: shown first with every finding, applied once, balanced to the đồng, then closed', async () => {
      const { batch } = await exported();
      const ref = (n: number) => `${batch.reference}-0000${n}`;
      const rows: ResultLine[] = [
        { reference: ref(1), accountNumber: people.an.account, amount: 750_000, paid: true },
        {
          reference: ref(2),
          accountNumber: people.binh.account,
          amount: 1_080_000,
          paid: false,
          reason: 'Tài khoản không tồn tại',
        },
        { reference: 'KHONG-CO', accountNumber: '999', amount: 5, paid: true },
        { reference: ref(1), accountNumber: people.an.account, amount: 750_000, paid: true },
        { reference: ref(2), accountNumber: people.binh.account, amount: 1_000, paid: true },
      ];
      const shown = await preview(await upload(batch.id, bankResultXlsx(rows), 'ket qua.xlsx'));
      expect(shown).toMatchObject({ rows: 5, paid: 1, failed: 1, alreadyApplied: 0 });
      expect(shown.findings.map((f) => [f.row, f.code])).toEqual([
        [5, 'unmatched'],
        [6, 'duplicate'],
        [7, 'amount-differs'],
      ]);
      expect(shown.balance).toEqual({
        sent: { lines: 2, amount: 1_830_000 },
        paid: { lines: 1, amount: 750_000 },
        failed: { lines: 1, amount: 1_080_000 },
        waiting: { lines: 0, amount: 0 },
      });
      // Shown, not applied.
      expect((await lineStatus('line-an'))?.['status']).toBe('transferred');
      const importId = shown.importId ?? expect.unreachable('an import');
      const applied = await preview(await post(`/api/batches/${batch.id}/results/${importId}/apply`, sup()));
      expect(applied).toMatchObject({ paid: 1, failed: 1 });
      expect(await lineStatus('line-an')).toMatchObject({ status: 'paid', payment: { amount: 750_000 } });
      expect(await lineStatus('line-binh')).toMatchObject({
        status: 'failed',
        transfers: [{ outcome: { kind: 'failed', reason: 'Tài khoản không tồn tại' } }],
      });
      const twice = await post(`/api/batches/${batch.id}/results/${importId}/apply`, sup());
      expect([twice.status, await errorCode(twice)]).toEqual([409, 'batch-step-out-of-order']);
      // The same file again changes nothing; a contradicting result is shown, never applied.
      const again = await preview(await upload(batch.id, bankResultXlsx(rows.slice(0, 2)), 'ket qua.xlsx'));
      expect(again).toMatchObject({ paid: 0, failed: 0, alreadyApplied: 2, findings: [] });
      const flipped = await preview(
        await upload(
          batch.id,
          bankResultXlsx([{ ...(rows[1] ?? expect.unreachable()), paid: true }]),
          'ket qua 2.xlsx',
        ),
      );
      expect(flipped.findings.map((f) => f.code)).toEqual(['result-differs']);
      const detail = await batchOf(await post(`/api/batches/${batch.id}/close`, sup()));
      expect(detail.status).toBe('closed');
      expect(detail.events.map((e) => e.action)).toEqual(['prepare', 'approve', 'export', 'results', 'close']);
    });

    test('a batch with lines still waiting does not close; results of another batch apply nothing', async () => {
      const { batch } = await exported();
      const early = await post(`/api/batches/${batch.id}/close`, sup());
      expect([early.status, await errorCode(early)]).toEqual([409, 'batch-not-balanced']);
      // Nor does the month: money is out with the provider, unanswered.
      const month = await post(`/api/months/2026-11/${PHU_BAI}/close`, sup(), { protocol: 1, decisions: [] });
      expect([month.status, await errorCode(month)]).toEqual([409, 'transfers-waiting']);
      const wallet = await exported(walletId);
      const walletRows: ResultLine[] = [
        { reference: `${wallet.batch.reference}-00001`, accountNumber: '0971234567', amount: 600_000, paid: true },
      ];
      const other = await upload(batch.id, walletResultCsv(walletRows), 'vi.csv');
      expect([other.status, await errorCode(other)]).toEqual([422, 'results-other-batch']);
      const nothing = await upload(
        batch.id,
        bankResultXlsx([{ reference: 'X-1', accountNumber: '1', amount: 1, paid: true }]),
        'sai.xlsx',
      );
      expect([nothing.status, await errorCode(nothing)]).toEqual([422, 'results-match-nothing']);
      expect((await lineStatus('line-an'))?.['status']).toBe('transferred');
      // The wallet's own file reads by its own headers.
      const walletShown = await preview(await upload(wallet.batch.id, walletResultCsv(walletRows), 'vi.csv'));
      expect(walletShown).toMatchObject({ paid: 1, failed: 0 });
    });

    test('a failed transfer rerouted to home delivery reaches the payers, who pay it in cash', async () => {
      const { batch } = await exported();
      const rows: ResultLine[] = [
        { reference: `${batch.reference}-00001`, accountNumber: people.an.account, amount: 750_000, paid: true },
        { reference: `${batch.reference}-00002`, accountNumber: people.binh.account, amount: 1_080_000, paid: false },
      ];
      const shown = await preview(await upload(batch.id, bankResultXlsx(rows), 'kq.xlsx'));
      await preview(await post(`/api/batches/${batch.id}/results/${shown.importId ?? ''}/apply`, sup()));
      // Only a failed line of this batch, with a reason.
      const wrong = await w.h.request(`/api/batches/${batch.id}/reroutes`, {
        method: 'PUT',
        token: sup(),
        body: { decisions: [{ lineId: 'line-an', to: 'home-delivery', reason: 'x' }] },
      });
      expect([wrong.status, await errorCode(wrong)]).toEqual([409, 'reroute-invalid']);
      const detail = await batchOf(
        await w.h.request(`/api/batches/${batch.id}/reroutes`, {
          method: 'PUT',
          token: sup(),
          body: { decisions: [{ lineId: 'line-binh', to: 'home-delivery', reason: 'Tài khoản bị khóa, chi tại nhà' }] },
        }),
      );
      expect(detail.lines.find((l) => l.lineId === 'line-binh')).toMatchObject({
        result: 'failed',
        lineStatus: 'due',
        lineMethod: 'home-delivery',
      });
      const { payer } = w.actors;
      const paid = await w.push(payer, [
        w.op(payer, 'payment.record', 'line-binh', { amount: 1_080_000, receiver: { kind: 'self' } }),
      ]);
      expect(paid.results[0]).toMatchObject({ status: 'applied' });
      expect(await lineStatus('line-binh')).toMatchObject({ status: 'paid', method: 'home-delivery' });
    });

    test('cancelled before results: the lines are payable again and can go in a new batch', async () => {
      const { batch } = await exported();
      const noNote = await post(`/api/batches/${batch.id}/cancel`, sup(), { note: ' ' });
      expect(noNote.status).toBe(400);
      const cancelled = await batchOf(
        await post(`/api/batches/${batch.id}/cancel`, sup(), { note: 'Sai ngày chuyển' }),
      );
      expect(cancelled.status).toBe('cancelled');
      expect((await lineStatus('line-an'))?.['status']).toBe('due');
      const file = await w.h.request(`/api/batches/${batch.id}/file`, { token: sup() });
      expect(file.status).toBe(409);
      const next = await prepare(bankId);
      expect(next.lineCount).toBe(2);
    });

    test('an earlier batch’s file never pays this one by account and amount; odd input is refused, never a 500', async () => {
      const first = await exported();
      await batchOf(await post(`/api/batches/${first.batch.id}/cancel`, sup(), { note: 'Gửi lại' }));
      const second = await exported();
      // Same people, same accounts, same amounts — but the references are the first batch's.
      const stale: ResultLine[] = [
        { reference: `${first.batch.reference}-00001`, accountNumber: people.an.account, amount: 750_000, paid: true },
        {
          reference: `${first.batch.reference}-00002`,
          accountNumber: people.binh.account,
          amount: 1_080_000,
          paid: true,
        },
      ];
      const refused = await upload(second.batch.id, bankResultXlsx(stale), 'cu.xlsx');
      expect([refused.status, await errorCode(refused)]).toEqual([422, 'results-other-batch']);
      expect((await lineStatus('line-an'))?.['status']).toBe('transferred');
      // A NUL in a path, a file name or a body: answered, nothing stored.
      expect((await w.h.request('/api/batches/a%00b', { token: sup() })).status).toBe(404);
      const nulNote = await post(`/api/batches/${second.batch.id}/cancel`, sup(), { note: 'a\u0000b' });
      expect([nulNote.status, await errorCode(nulNote)]).toEqual([400, 'invalid-body']);
      const ok = stale.map((r, i) => ({ ...r, reference: `${second.batch.reference}-0000${i + 1}` }));
      const named = await w.h.app.request(`/api/batches/${second.batch.id}/results`, {
        method: 'POST',
        // Percent-encoded as the app sends it: a NUL in the name.
        headers: { authorization: `Bearer ${sup()}`, 'x-filename': 'kq%00.xlsx' },
        body: bankResultXlsx(ok).slice().buffer,
      });
      expect(named.status).toBe(200);
    });
  });
}
