import { describe, expect, test } from 'vitest';
import { beneficiaryData, paymentLineData } from '../../../tests/builders/beneficiary';
import { projectEntity } from './projection';

/** 2026-11-30 20:00 UTC is 2026-12-01 03:00 in Vietnam. */
const NOW = Date.UTC(2026, 10, 30, 20, 0);

describe('projectEntity', () => {
  test('a paid line: the counted payment’s amount, device day, payer and receiver', () => {
    const data = {
      ...paymentLineData({ beneficiaryId: 'b-1', periodId: '2026-11', amount: 750_000, method: 'home-delivery' }),
      status: 'paid',
      payment: {
        opId: 'op-1',
        actorId: 'user-payer',
        recordedAt: '2026-11-30T23:30:00+07:00',
        amount: 750_000,
        receiver: { kind: 'authorized', fullName: 'Lê Văn Nam' },
      },
      lastVisit: { opId: 'op-0', actorId: 'user-payer', recordedAt: '2026-11-20T08:00:00+07:00', reason: 'absent' },
      voids: [{}, {}],
    };
    expect(projectEntity({ entity: 'payment-line', id: 'l-1', communeCode: '19960', data }, NOW)).toEqual({
      line: {
        line_id: 'l-1',
        commune_code: '19960',
        period_id: '2026-11',
        beneficiary_id: 'b-1',
        method: 'home-delivery',
        status: 'paid',
        amount: 750_000,
        paid_amount: 750_000,
        // The device's own calendar day, not the UTC one.
        paid_date: '2026-11-30',
        paid_by: 'user-payer',
        receiver_kind: 'authorized',
        // Paid after a visit: the visit is history, not why it is unpaid.
        unpaid_reason: null,
        batch_id: null,
        transfer_outcome: null,
        failed_transfers: 0,
        voids: 2,
        conflicts: 0,
      },
    });
  });

  test('a line sent twice: the latest batch and outcome, and how many failed', () => {
    const transfer = (batchId: string, outcome: unknown) => ({ batchId, outcome });
    const data = {
      ...paymentLineData({ method: 'bank' }),
      status: 'transferred',
      transfers: [transfer('b-1', { kind: 'failed' }), transfer('b-2', null)],
    };
    const { line } = projectEntity({ entity: 'payment-line', id: 'l', communeCode: '19960', data }, NOW);
    expect(line).toMatchObject({ batch_id: 'b-2', transfer_outcome: 'waiting', failed_transfers: 1, paid_amount: 0 });
  });

  test('a person, and their method and account status in the Vietnam month of the change', () => {
    const data = beneficiaryData({ paymentMethod: 'bank', accountStatus: 'opened', village: 'Tổ 3' });
    expect(projectEntity({ entity: 'beneficiary', id: 'b-1', communeCode: '19960', data }, NOW)).toEqual({
      person: {
        beneficiary_id: 'b-1',
        commune_code: '19960',
        village: 'Tổ 3',
        status: 'active',
        category: data.category,
        method: 'bank',
        account_status: 'opened',
        card_handed_over_on: null,
        bad_id_number: 0,
        no_id_number: 0,
        bad_phone: 0,
      },
      personMonth: {
        beneficiary_id: 'b-1',
        month: '2026-12',
        commune_code: '19960',
        method: 'bank',
        account_status: 'opened',
      },
    });
  });

  test('a person whose record fails the domain’s checks is marked so', () => {
    const data = beneficiaryData({ idNumber: null, oldIdNumber: null, phone: '01234567890' });
    expect(projectEntity({ entity: 'beneficiary', id: 'b-1', communeCode: '19960', data }, NOW).person).toMatchObject({
      bad_id_number: 0,
      no_id_number: 1,
      bad_phone: 1,
    });
  });

  test('an ID check that was not possible, with its reason and day', () => {
    const data = {
      beneficiaryId: 'b-1',
      person: 'guardian',
      method: 'not-possible',
      reason: 'card-damaged',
      overall: 'not-checked',
      lineId: 'l-1',
      recordedAt: '2026-11-12T10:00:00+07:00',
    };
    expect(projectEntity({ entity: 'id-check', id: 'c-1', communeCode: '19960', data }, NOW).idCheck).toEqual({
      check_id: 'c-1',
      commune_code: '19960',
      beneficiary_id: 'b-1',
      line_id: 'l-1',
      person: 'guardian',
      method: 'not-possible',
      reason: 'card-damaged',
      overall: 'not-checked',
      checked_date: '2026-11-12',
    });
  });

  test.each([
    ['a line without an amount', 'payment-line', { ...paymentLineData(), amount: '1000' }, '19960'],
    ['a person without a status', 'beneficiary', { ...beneficiaryData(), status: undefined }, '19960'],
    ['an entity without a commune', 'payment-line', paymentLineData(), null],
    ['a kind reports do not read', 'commune', { code: '19960' }, '19960'],
  ])('%s gives no row', (_name, entity, data, communeCode) => {
    expect(projectEntity({ entity, id: 'x', communeCode, data }, NOW)).toEqual({});
  });
});
