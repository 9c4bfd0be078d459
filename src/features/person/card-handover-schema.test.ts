import { describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../../tests/builders/beneficiary';
import { setAccountStatusPayloadSchema } from '../../protocol/payloads-roster';
import { toBeneficiaryRow } from '../../storage/roster-row';
import {
  cardHandoverDefaults,
  cardHandoverFormSchema,
  receiverNameFor,
  toCardHandoverPayload,
  type CardHandoverForm,
} from './card-handover-schema';

const today = '2026-11-29';
const valid: CardHandoverForm = {
  date: '2026-11-28',
  handedOverBy: 'Lê Thị Thu',
  receiverKind: 'self',
  receiverName: 'Trần Thị Hoa',
  guidanceGiven: true,
};
const form = (patch: Partial<CardHandoverForm>): CardHandoverForm => ({ ...valid, ...patch });
const errorsOf = (f: CardHandoverForm) => {
  const r = cardHandoverFormSchema(today).safeParse(f);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};
const signature = 'ab'.repeat(32);

describe('card hand-over form', () => {
  test.each<[string, CardHandoverForm, Record<string, string>]>([
    ['every field', valid, {}],
    ['handed over today', form({ date: today }), {}],
    [
      'the guidance not ticked',
      form({ guidanceGiven: false }),
      { guidanceGiven: 'Chưa ghi nhận: cần hướng dẫn an toàn cho người nhận và đánh dấu ô “Đã hướng dẫn an toàn”.' },
    ],
    ['no date', form({ date: '' }), { date: 'Nhập ngày bàn giao (một ngày có thật).' }],
    ['a date that does not exist', form({ date: '2026-02-30' }), { date: 'Nhập ngày bàn giao (một ngày có thật).' }],
    ['a date after today', form({ date: '2026-11-30' }), { date: 'Ngày bàn giao không được sau hôm nay.' }],
    [
      'no names',
      form({ handedOverBy: ' ', receiverName: '' }),
      { handedOverBy: 'Nhập họ tên người bàn giao.', receiverName: 'Nhập họ tên người nhận thẻ.' },
    ],
  ])('%s gives its Vietnamese field errors', (_name, input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  test('a new hand-over is dated today, by the signed-in user, to the person; the guidance is not pre-ticked', () => {
    const rep = {
      kind: 'guardian',
      fullName: 'Nguyễn Văn An',
      relationship: 'con trai',
      idNumber: null,
      phone: null,
      paperRef: null,
      validUntil: null,
    } as const;
    const person = toBeneficiaryRow('b-1', 1, beneficiaryData({ representative: rep }));
    expect(cardHandoverDefaults(person, 'Lê Thị Thu', today)).toEqual({
      date: today,
      handedOverBy: 'Lê Thị Thu',
      receiverKind: 'self',
      receiverName: 'Trần Thị Hoa',
      guidanceGiven: false,
    });
    expect(receiverNameFor(person, 'guardian')).toBe('Nguyễn Văn An');
    expect(receiverNameFor(person, 'authorized')).toBe('');
  });

  test('the payload is card-handed-over with the hand-over in NFC and the signature, and passes the wire schema', () => {
    const payload = toCardHandoverPayload(
      form({ receiverKind: 'guardian', receiverName: ' Nguyễn  Văn An '.normalize('NFD') }),
      signature,
    );
    expect(payload).toEqual({
      status: 'card-handed-over',
      handover: {
        date: '2026-11-28',
        handedOverBy: 'Lê Thị Thu',
        receiver: { kind: 'guardian', fullName: 'Nguyễn Văn An' },
        guidanceGiven: true,
      },
      signature,
    });
    expect(setAccountStatusPayloadSchema.parse(payload)).toEqual(payload);
    expect(() => toCardHandoverPayload(form({ guidanceGiven: false }), signature)).toThrow();
  });
});

describe('setAccountStatusPayloadSchema with a hand-over (docs/protocol.md "Roster payloads")', () => {
  const handover = toCardHandoverPayload(valid, signature).handover;
  const accepts = (payload: unknown) => setAccountStatusPayloadSchema.safeParse(payload).success;

  test('an op queued by an older app, card-handed-over without a hand-over, is still accepted', () => {
    expect(accepts({ status: 'card-handed-over' })).toBe(true);
    expect(accepts({ status: 'card-handed-over', note: 'Đã giao', v: 1 })).toBe(true);
  });

  test.each(['none', 'dossier-ready', 'submitted', 'opened'])('a hand-over with status %s is refused', (status) => {
    expect(accepts({ status, handover, signature })).toBe(false);
  });

  test.each<[string, Record<string, unknown>]>([
    ['without the signature', { handover }],
    ['a signature without a hand-over', { signature }],
    ['a signature that is not a blob hash', { handover, signature: 'not-a-hash' }],
    ['the guidance not given', { handover: { ...handover, guidanceGiven: false }, signature }],
    ['the guidance left out', { handover: { ...handover, guidanceGiven: undefined }, signature }],
    ['a date that does not exist', { handover: { ...handover, date: '2026-02-30' }, signature }],
    ['a timestamp for a date', { handover: { ...handover, date: '2026-11-28T10:00:00+07:00' }, signature }],
    ['an empty receiver name', { handover: { ...handover, receiver: { kind: 'self', fullName: ' ' } }, signature }],
    [
      'an unknown receiver kind',
      { handover: { ...handover, receiver: { kind: 'neighbour', fullName: 'A' } }, signature },
    ],
    ['an unknown key in the hand-over (strict)', { handover: { ...handover, pin: '1234' }, signature }],
    [
      'an unknown key in the receiver (strict)',
      { handover: { ...handover, receiver: { kind: 'self', fullName: 'A', idNumber: '1' } }, signature },
    ],
    ['an unknown key in the payload (strict)', { handover, signature, photo: signature }],
  ])('card-handed-over %s is refused', (_name, patch) => {
    expect(accepts({ status: 'card-handed-over', ...patch })).toBe(false);
  });
});
