import { describe, expect, test } from 'vitest';
import { paymentLineData } from '../../tests/builders/beneficiary';
import { importedFacts } from './imported-by';

const base = { actorId: 'user-payer', recordedAt: '2026-11-20T09:00:00+07:00' };
const paymentFact = (opId: string, importedBy?: string) => ({
  ...base,
  opId,
  amount: 1_000_000,
  receiver: { kind: 'self' },
  ...(importedBy === undefined ? {} : { importedBy }),
});

describe('importedFacts', () => {
  test('names every fact of a line that an import added, of each kind, with its importer', () => {
    const line = {
      ...paymentLineData({ status: 'unpaid' }),
      payment: null,
      lastVisit: { ...base, opId: 'op-visit', reason: 'absent', note: null, importedBy: 'user-sup' },
      voids: [
        {
          ...base,
          opId: 'op-void',
          target: 'payment',
          reason: 'recorded-in-error',
          note: null,
          voidedPayment: paymentFact('op-pay-old'),
          importedBy: 'user-admin',
        },
      ],
      conflicts: [
        { code: 'already-paid', kind: 'payment', counted: false, fact: paymentFact('op-second', 'user-sup') },
        { code: 'already-paid', kind: 'payment', counted: false, fact: paymentFact('op-own') },
      ],
    };
    expect(importedFacts(line)).toEqual([
      { kind: 'visit', opId: 'op-visit', by: 'user-sup' },
      { kind: 'void', opId: 'op-void', by: 'user-admin' },
      { kind: 'conflict', opId: 'op-second', by: 'user-sup' },
    ]);
  });

  test('a counted payment from a file is named; a line without imports, or not a line, names none', () => {
    const paid = { ...paymentLineData({ status: 'paid' }), payment: paymentFact('op-pay', 'user-sup') };
    expect(importedFacts(paid)).toEqual([{ kind: 'payment', opId: 'op-pay', by: 'user-sup' }]);
    expect(importedFacts({ ...paid, payment: paymentFact('op-pay') })).toEqual([]);
    expect(importedFacts(paymentLineData())).toEqual([]);
    expect(importedFacts({ id: 'not-a-line' })).toEqual([]);
  });
});
