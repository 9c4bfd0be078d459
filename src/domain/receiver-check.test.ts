import { describe, expect, test } from 'vitest';
import {
  compareScanned,
  compareTyped,
  expectedReceiver,
  idCheckPayload,
  paymentBlockedBy,
  type ReceiverCheck,
} from './receiver-check';

const person = {
  idNumber: '046060001234',
  oldIdNumber: '191234567',
  fullName: 'Nguyễn Thị Hoà',
  birthDate: '1940-03-05',
  gender: 'female' as const,
  representative: { kind: 'authorized' as const, fullName: 'Trần Văn Bình', idNumber: '046090001111' },
};

const card = {
  idNumber: '046060001234',
  oldIdNumber: '191234567',
  fullName: 'NGUYỄN THỊ HÒA',
  birthDate: '1940-03-05',
  gender: 'female' as const,
};

describe('expectedReceiver', () => {
  test.each([
    ['self', 'Nguyễn Thị Hoà', '046060001234'],
    ['authorized', 'Trần Văn Bình', '046090001111'],
  ] as const)('%s is compared with the registered %s', (kind, name, id) => {
    expect(expectedReceiver(person, kind)).toMatchObject({ fullName: name, idNumber: id });
  });

  test('a guardian when only an authorised person is registered: nobody is expected', () => {
    expect(expectedReceiver(person, 'guardian')).toBeNull();
    expect(expectedReceiver({ ...person, representative: null }, 'authorized')).toBeNull();
  });
});

describe('compareScanned', () => {
  test('the beneficiary’s own card matches despite case and tone placement', () => {
    expect(compareScanned(card, expectedReceiver(person, 'self')).overall).toBe('match');
  });

  test('another person’s card is a mismatch', () => {
    const other = { ...card, idNumber: '046060009999', fullName: 'Lê Văn Tám' };
    const c = compareScanned(other, expectedReceiver(person, 'self'));
    expect(c.overall).toBe('mismatch');
    expect(c.idNumber.status).toBe('mismatch');
  });

  test('nobody registered: every field is missing, the outcome incomplete', () => {
    const c = compareScanned(card, null);
    expect([c.idNumber.status, c.fullName.status, c.birthDate.status, c.gender.status]).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
    expect(c.overall).toBe('incomplete');
  });
});

describe('compareTyped', () => {
  const rep = expectedReceiver(person, 'authorized');

  test.each([
    // typed id, typed name, id status, name status, overall
    ['046090001111', 'Trần Văn Bình', 'match', 'match', 'incomplete'],
    ['0460 9000 1111', 'tran van binh', 'match', 'match', 'incomplete'],
    ['046090001111', '', 'match', 'missing', 'incomplete'],
    ['046090001112', 'Trần Văn Bình', 'mismatch', 'match', 'mismatch'],
    ['046090001111', 'Trần Văn Bảo', 'match', 'mismatch', 'mismatch'],
  ] as const)('%s / "%s" → id %s, name %s, overall %s', (id, name, idStatus, nameStatus, overall) => {
    const c = compareTyped({ idNumber: id, fullName: name }, rep);
    expect(c.idNumber.status).toBe(idStatus);
    expect(c.fullName.status).toBe(nameStatus);
    expect(c.birthDate.status).toBe('missing');
    expect(c.overall).toBe(overall);
  });

  test('the old 9-digit CMND of the beneficiary matches via the old number', () => {
    const c = compareTyped({ idNumber: '191234567' }, expectedReceiver(person, 'self'));
    expect(c.idNumber).toMatchObject({ status: 'match', via: 'old-id-number' });
  });

  test('nobody registered: the typed number cannot be matched', () => {
    expect(compareTyped({ idNumber: '046090001111' }, null).idNumber.status).toBe('missing');
  });
});

describe('paymentBlockedBy', () => {
  const scanned = (overall: 'match' | 'mismatch' | 'incomplete'): ReceiverCheck => ({
    method: 'qr',
    card,
    comparison: { ...compareScanned(card, expectedReceiver(person, 'self')), overall },
  });

  test.each([
    [null, 'no-check'],
    [scanned('match'), null],
    [scanned('incomplete'), null],
    [scanned('mismatch'), 'card-mismatch'],
    [{ method: 'not-possible', reason: 'no-card' } as const, null],
  ] as const)('%j → %s', (check, blocked) => {
    expect(paymentBlockedBy(check)).toBe(blocked);
  });
});

describe('idCheckPayload', () => {
  test('a QR check carries the card without its address', () => {
    const check: ReceiverCheck = {
      method: 'qr',
      card: { ...card, issuedOn: '2021-06-01', issues: [{ code: 'gender-mismatch' }] },
      comparison: compareScanned(card, expectedReceiver(person, 'self')),
    };
    const payload = idCheckPayload(check, 'self');
    expect(payload).toMatchObject({ person: 'beneficiary', method: 'qr', overall: 'match' });
    expect(payload).toHaveProperty('card.issuedOn', '2021-06-01');
    expect(payload).toHaveProperty('issues', ['gender-mismatch']);
    expect(JSON.stringify(payload)).not.toContain('address');
  });

  test('a typed check to an authorised person', () => {
    const check: ReceiverCheck = {
      method: 'manual',
      comparison: compareTyped({ idNumber: '046090001111' }, expectedReceiver(person, 'authorized')),
    };
    const payload = idCheckPayload(check, 'authorized');
    expect(payload).toMatchObject({ person: 'authorized', method: 'manual', overall: 'incomplete' });
  });

  test('no check possible: the reason, the trimmed note, every field missing', () => {
    const payload = idCheckPayload({ method: 'not-possible', reason: 'card-damaged', note: '  thẻ gãy ' }, 'guardian');
    expect(payload).toEqual({
      person: 'guardian',
      method: 'not-possible',
      reason: 'card-damaged',
      note: 'thẻ gãy',
      fields: { idNumber: 'missing', fullName: 'missing', birthDate: 'missing', gender: 'missing' },
      overall: 'incomplete',
    });
  });
});
