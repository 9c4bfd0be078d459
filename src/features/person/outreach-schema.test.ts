import { describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { parseOp } from '../../protocol/ops';
import { toBeneficiaryRow } from '../../storage/roster-row';
import {
  methodPayload,
  outreachFormOf,
  outreachFormSchema,
  personAfter,
  readinessOf,
  updatePatch,
  type OutreachForm,
} from './outreach-schema';

const TODAY = '2026-12-07';
const POLICE = 'Công an phường Phú Bài';
const onlyCmnd = toBeneficiaryRow(
  'b-1',
  3,
  beneficiaryData({ idNumber: null, oldIdNumber: '191999001', paymentMethod: null, phone: null }),
);

const envelope = (type: string, payload: unknown) => ({
  id: 'op-1',
  type,
  deviceId: 'dev-1',
  seq: 1,
  entityId: 'b-1',
  actorId: 'user-1',
  recordedAt: '2026-12-07T09:00:00.000+07:00',
  payload,
});

describe('the communication day’s fast path', () => {
  test('a person with only a CMND is offered a new card at the police, already filled in', () => {
    const form = outreachFormOf(onlyCmnd, TODAY, POLICE);
    expect(form).toMatchObject({ cardKind: 'new', place: POLICE, appointmentOn: '', method: '' });
    // Saving the suggestion with the appointment records the request, the phone and the method.
    const typed: OutreachForm = {
      ...form,
      phone: '0912 345 678',
      method: 'bank',
      bankName: 'Agribank',
      appointmentOn: '2026-12-15',
    };
    expect(outreachFormSchema(onlyCmnd, TODAY).safeParse(typed).success).toBe(true);
    const patch = updatePatch(onlyCmnd, typed, TODAY);
    expect(patch).toEqual({
      phone: '0912345678',
      idCardRequest: { kind: 'new', person: 'beneficiary', appointmentOn: '2026-12-15', place: POLICE, issuedOn: null },
    });
    expect(parseOp(envelope('beneficiary.update', patch)).ok).toBe(true);
    expect(methodPayload(onlyCmnd, typed)).toEqual({ method: 'bank', details: { bankName: 'Agribank' } });
    expect(readinessOf(personAfter(onlyCmnd, typed, TODAY), TODAY).status).toBe('needs-new-id-card');
  });

  test('someone with only a CMND who keeps cash gets no card request, though the form suggested one', () => {
    const cash = toBeneficiaryRow('b-5', 1, beneficiaryData({ idNumber: null, paymentMethod: 'cash-point' }));
    const form = outreachFormOf(cash, TODAY, POLICE);
    expect(form.cardKind).toBe('new');
    expect(updatePatch(cash, { ...form, appointmentOn: '2026-12-15' }, TODAY)).toBeNull();
    // Choosing a bank makes the same form record it.
    expect(updatePatch(cash, { ...form, method: 'bank', bankName: 'BIDV' }, TODAY)?.idCardRequest).toMatchObject({
      kind: 'new',
      place: POLICE,
    });
  });

  test('a card scanned at the table: the number is recorded and no card is requested', () => {
    const form = { ...outreachFormOf(onlyCmnd, TODAY, POLICE), idNumber: '046152999001', method: 'bank' as const };
    const typed = { ...form, bankName: 'Agribank' };
    expect(updatePatch(onlyCmnd, typed, TODAY)).toEqual({ idNumber: '046152999001' });
    const after = personAfter(onlyCmnd, typed, TODAY);
    expect(readinessOf(after, TODAY).status).toBe('ready');
  });

  test('nothing changed gives no op; a method without its details is refused with the field’s message', () => {
    const person = toBeneficiaryRow('b-2', 1, beneficiaryData({}));
    const form = outreachFormOf(person, TODAY, POLICE);
    expect(updatePatch(person, form, TODAY)).toBeNull();
    expect(methodPayload(person, form)).toBeNull();
    const result = outreachFormSchema(person, TODAY).safeParse({ ...form, method: 'mobile-money' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['provider', 'walletPhone']);
    const noMethod = outreachFormSchema(onlyCmnd, TODAY).safeParse(outreachFormOf(onlyCmnd, TODAY, POLICE));
    expect(noMethod.error?.issues.map((i) => i.path[0])).toEqual(['method']);
  });

  test('a bank account recorded before is kept when the bank is confirmed', () => {
    const person = toBeneficiaryRow(
      'b-3',
      1,
      beneficiaryData({
        paymentMethod: 'bank',
        paymentDetails: { bankName: 'Agribank', accountNumber: '1234567890', accountHolder: 'Trần Thị Hoa' },
      }),
    );
    const form = outreachFormOf(person, TODAY, POLICE);
    expect(methodPayload(person, form)).toBeNull();
    expect(methodPayload(person, { ...form, bankName: 'BIDV' })).toEqual({
      method: 'bank',
      details: { bankName: 'BIDV', accountNumber: '1234567890', accountHolder: 'Trần Thị Hoa' },
    });
  });

  test('an opened wallet keeps its holder: nothing changed gives no op, a new provider keeps the rest', () => {
    const details = { walletPhone: '0961234567', accountHolder: 'Lê Văn Sáu', provider: 'Viettel Money' };
    const person = toBeneficiaryRow(
      'b-6',
      1,
      beneficiaryData({ paymentMethod: 'mobile-money', paymentDetails: details }),
    );
    const form = outreachFormOf(person, TODAY, POLICE);
    expect(methodPayload(person, form)).toBeNull();
    expect(methodPayload(person, { ...form, provider: 'VNPT Money' })).toEqual({
      method: 'mobile-money',
      details: { ...details, provider: 'VNPT Money' },
    });
    // Another method starts from its own details only.
    expect(methodPayload(person, { ...form, method: 'cash-point' })).toEqual({ method: 'cash-point' });
  });

  test('a request on record: its empty place stays empty; “Chọn…” takes it away', () => {
    const idCardRequest = {
      kind: 'new' as const,
      person: 'beneficiary' as const,
      appointmentOn: null,
      place: null,
      issuedOn: null,
    };
    const person = toBeneficiaryRow(
      'b-7',
      1,
      beneficiaryData({ idNumber: null, paymentMethod: 'bank', idCardRequest, paymentDetails: { bankName: 'BIDV' } }),
    );
    const form = outreachFormOf(person, TODAY, POLICE);
    expect(form).toMatchObject({ cardKind: 'new', place: '' });
    expect(updatePatch(person, form, TODAY)).toBeNull();
    expect(updatePatch(person, { ...form, cardKind: '' }, TODAY)).toEqual({ idCardRequest: null });
  });

  test('the authorised person’s paper brought today is recorded on the representative', () => {
    const representative = {
      kind: 'authorized' as const,
      fullName: 'Lê Văn Sáu',
      idNumber: '046080000111',
      relationship: 'con',
      phone: '0987654321',
      paperRef: null,
      validUntil: null,
    };
    const person = toBeneficiaryRow('b-4', 2, beneficiaryData({ representative, paymentMethod: 'bank' }));
    const form = { ...outreachFormOf(person, TODAY, POLICE), bankName: 'Agribank', paperRef: ' GUQ  12/2026 ' };
    const patch = updatePatch(person, form, TODAY);
    expect(patch).toEqual({ representative: { ...representative, paperRef: 'GUQ 12/2026' } });
    expect(readinessOf(personAfter(person, form, TODAY), TODAY).status).toBe('ready');
    expect(readinessOf(personAfter(person, { ...form, paperRef: '' }, TODAY), TODAY).status).toBe('missing-papers');
  });
});
