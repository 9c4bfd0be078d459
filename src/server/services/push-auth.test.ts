/**
 * Authorisation of every op (docs/protocol.md "Push"): role × op type × the entity's commune, one push
 * per cell. Allowed cells apply; every other cell is rejected `forbidden` and changes nothing.
 */
import { describe, expect, test } from 'vitest';
import { roles } from '../../domain/vocabulary';
import { opTypes, type OpType } from '../../protocol/ops';
import { rolesFor } from '../../protocol/permissions';
import { createDirectWorld } from '../testing/direct-push';
import { ledgerId } from '../../domain/cash-ops';
import { BENEFICIARIES, LINES, LOC_AN, PAYER_LEDGER, PHU_BAI, samplePayload } from '../testing/push-world';

/** The world's payer closes a day (the close `cash.acknowledge`'s sample payload names). */
async function recordPayerClose(
  w: Awaited<ReturnType<typeof createDirectWorld>>,
  existing: Awaited<ReturnType<typeof w.addActor>> | null,
): Promise<void> {
  const payer = existing ?? (await w.addActor('payer', 'payer', [PHU_BAI]));
  const close = { ...w.op(payer, 'cash.close', ledgerId(PAYER_LEDGER)), id: 'close-1' };
  expect((await w.push(payer, [close])).results[0]).toMatchObject({ status: 'applied' });
}

type Where = 'own commune' | 'other commune';

function target(type: OpType, where: Where): { entityId: string; payload: Record<string, unknown> } {
  const own = where === 'own commune';
  switch (type) {
    case 'beneficiary.create':
      return { entityId: 'b-new', payload: { ...samplePayload(type), communeCode: own ? PHU_BAI : LOC_AN } };
    case 'beneficiary.update':
    case 'beneficiary.set-payment-method':
    case 'beneficiary.set-account-status':
    case 'beneficiary.set-status':
    case 'id-check.record':
      return { entityId: own ? BENEFICIARIES.active : BENEFICIARIES.otherCommune, payload: samplePayload(type) };
    case 'payment.record':
    case 'payment.unpaid':
    case 'payment.transfer-send':
    case 'payment.transfer-result':
    case 'payment.transfer-cancel':
    case 'payment.reroute':
    case 'payment.assign':
      return { entityId: own ? LINES.due : LINES.otherCommune, payload: samplePayload(type) };
    case 'payment.void':
      // Withdrawing a due line: the one void that applies without an earlier payment.
      return { entityId: own ? LINES.due : LINES.otherCommune, payload: { target: 'line', reason: 'other' } };
    case 'cash.receive':
    case 'cash.return':
    case 'cash.handover':
    case 'cash.close':
    case 'cash.acknowledge': {
      // The ledger of the world's payer, in their commune or in one outside everyone's scope.
      const ledger = { ...PAYER_LEDGER, communeCode: own ? PHU_BAI : LOC_AN };
      return { entityId: ledgerId(ledger), payload: { ...samplePayload(type), ...ledger } };
    }
  }
}

const cells = roles.flatMap((role) =>
  opTypes.flatMap((type) =>
    (['own commune', 'other commune'] as const).map((where) => {
      const isRoleAllowed = rolesFor(type).includes(role);
      // An admin manages users and devices; their scope holds no communes.
      const isAllowed = isRoleAllowed && where === 'own commune' && role !== 'admin';
      return { role, type, where, expected: isAllowed ? 'applied' : 'forbidden' };
    }),
  ),
);

describe('push authorisation matrix', () => {
  test('covers every role, op type and commune', () => {
    expect(cells).toHaveLength(roles.length * opTypes.length * 2);
    expect(cells.filter((c) => c.expected === 'applied').length).toBeGreaterThan(10);
  });

  test.each(cells)('$role, $type, $where → $expected', async ({ role, type, where, expected }) => {
    const w = await createDirectWorld();
    const who = await w.addActor(role, role, role === 'admin' ? [] : [PHU_BAI]);
    // The payer a `payment.assign` names (samplePayload) must exist for it to apply.
    if (type === 'payment.assign' && role !== 'payer') await w.addActor('payer', 'payer', [PHU_BAI]);
    // A handover goes to another payer of the commune; an acknowledgement names a payer's close.
    if (type === 'cash.handover') await w.addActor('payer-2', 'payer', [PHU_BAI]);
    if (type === 'cash.acknowledge') await recordPayerClose(w, role === 'payer' ? who : null);
    const { entityId, payload } = target(type, where);
    const before = await w.snapshot();
    const { results } = await w.push(who, [w.op(who, type, entityId, payload)]);
    if (expected === 'applied') {
      expect(results[0]).toMatchObject({ status: 'applied' });
    } else {
      expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect((await w.snapshot()).entities).toEqual(before.entities);
    }
    await w.close();
  });
});
