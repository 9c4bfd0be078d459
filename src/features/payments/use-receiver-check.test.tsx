import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import type { BeneficiaryRow } from '../../storage/app-db';
import { useReceiverCheck, type ReceiverCheckState } from './use-receiver-check';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const person: BeneficiaryRow = {
  ...beneficiaryData({
    representative: {
      kind: 'authorized',
      fullName: 'Trần Văn Bình',
      relationship: 'con',
      idNumber: '046090001234',
      phone: null,
      paperRef: null,
      validUntil: null,
    },
  }),
  id: 'b-1',
  version: 3,
  searchTokens: [],
  sortKey: '',
};
/** The person's own card as its QR reads (docs/domain.md §1). */
const ownCard = '046152999001|191999001|Trần Thị Hoa|12031952|Nữ|Tổ 5, Phú Bài|01062021';

let root: Root;
let state: ReceiverCheckState;

function Harness() {
  state = useReceiverCheck(person, '2026-11-29');
  return null;
}

beforeEach(() => {
  root = createRoot(document.createElement('div'));
  act(() => root.render(<Harness />));
});
afterEach(() => {
  act(() => root.unmount());
});

describe('useReceiverCheck', () => {
  test('nothing checked yet blocks the payment', () => {
    expect(state.kind).toBe('self');
    expect(state.check).toBeNull();
    expect(state.blockedBy).toBe('no-check');
  });

  test('the person’s own card scanned: a QR check that matches and unblocks', () => {
    act(() => state.scanned(ownCard));
    expect(state.check?.method).toBe('qr');
    expect(state.check?.method === 'qr' && state.check.comparison.overall).toBe('match');
    expect(state.blockedBy).toBeNull();
  });

  test('someone else’s card for the person blocks with card-mismatch', () => {
    act(() => state.scanned(ownCard.replace('046152999001', '046152999777').replace('Trần Thị Hoa', 'Lê Thị Lan')));
    expect(state.blockedBy).toBe('card-mismatch');
  });

  test('a code that is not a CCCD gives the Vietnamese message and no check', () => {
    act(() => state.scanned('046060999005|Phan Văn Tâm|03041960|Nam|Tổ 1|01062021'));
    expect(state.check).toBeNull();
    expect(state.error).toContain('không đúng định dạng thẻ căn cước');
  });

  test('choosing the authorised person offers the registered name but never the card number', () => {
    act(() => state.chooseKind('authorized'));
    expect(state.typedName).toBe('Trần Văn Bình');
    expect(state.typedId).toBe('');
    expect(state.expected).toMatchObject({ fullName: 'Trần Văn Bình', idNumber: '046090001234' });
  });

  test('a typed number is checked against the registered representative; editing it drops the check', () => {
    act(() => state.chooseKind('authorized'));
    act(() => state.typeId('0460 9000 1234'));
    act(() => state.compareTypedCard());
    expect(state.check?.method).toBe('manual');
    expect(state.blockedBy).toBeNull();
    act(() => state.typeId('046090001235'));
    expect(state.check).toBeNull();
    act(() => state.compareTypedCard());
    expect(state.blockedBy).toBe('card-mismatch');
  });

  test('a typed number that is not 9 or 12 digits is refused with a message', () => {
    act(() => state.typeId('12345'));
    act(() => state.compareTypedCard());
    expect(state.check).toBeNull();
    expect(state.error).toContain('12 số');
  });

  test('scanning the representative’s card fills the receiver’s name and number', () => {
    act(() => state.chooseKind('authorized'));
    act(() => state.scanned('046090001234||Trần Văn Bình|01011990|Nam|Tổ 5, Phú Bài|01062021'));
    expect([state.typedName, state.typedId]).toEqual(['Trần Văn Bình', '046090001234']);
    expect(state.blockedBy).toBeNull();
  });

  test('a recorded reason unblocks; changing the receiver asks again', () => {
    act(() => state.skip('card-damaged', '  thẻ gãy '));
    expect(state.check).toEqual({ method: 'not-possible', reason: 'card-damaged', note: 'thẻ gãy' });
    expect(state.blockedBy).toBeNull();
    act(() => state.chooseKind('guardian'));
    expect(state.check).toBeNull();
    expect(state.expected).toBeNull();
  });
});
