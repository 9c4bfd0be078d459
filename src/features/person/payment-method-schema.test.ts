import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../../ui/messages';
import {
  emptyPaymentMethodForm,
  paymentMethodFormSchema,
  toPaymentMethodPayload,
  type PaymentMethodForm,
} from './payment-method-schema';

const form = (patch: Partial<PaymentMethodForm>): PaymentMethodForm => ({ ...emptyPaymentMethodForm, ...patch });
const errorsOf = (f: PaymentMethodForm) => {
  const r = paymentMethodFormSchema.safeParse(f);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

afterEach(() => setLanguage('vi'));

describe('payment method form', () => {
  test.each([
    [form({ method: 'cash-point' }), {}],
    [form({ method: 'bank' }), { bankName: 'Nhập tên ngân hàng.' }],
    [
      form({ method: 'bank', bankName: 'Agribank', accountNumber: '12ab' }),
      { accountNumber: 'Số tài khoản chỉ gồm 6 đến 20 chữ số.' },
    ],
    [form({ method: 'bank', bankName: 'Agribank', accountNumber: '4000999000003' }), {}],
    [
      form({ method: 'mobile-money', provider: 'Viettel Money', walletPhone: '' }),
      { walletPhone: 'Nhập số điện thoại di động 10 số của ví.' },
    ],
    [form({ method: 'mobile-money', provider: 'Viettel Money', walletPhone: '0399000444' }), {}],
    [form({ method: 'home-delivery' }), { homeDeliveryReason: 'Chọn lý do chi trả tại nhà.' }],
    [form({ method: 'home-delivery', homeDeliveryReason: 'ill' }), {}],
  ])('%j gives Vietnamese field errors %j', (input, expected) => {
    expect(errorsOf(input)).toEqual(expected);
  });

  test('the field errors follow the interface language', () => {
    setLanguage('en');
    expect(errorsOf(form({ method: 'bank' }))).toEqual({ bankName: 'Type the name of the bank.' });
    expect(errorsOf(form({ method: 'home-delivery' }))).toEqual({
      homeDeliveryReason: 'Choose why payment is made at home.',
    });
    expect(errorsOf({ ...form({}), method: 'cheque' as never })).toEqual({ method: 'Choose the payment method.' });
  });

  test('the payload carries only the chosen method and its own details', () => {
    expect(toPaymentMethodPayload(form({ method: 'cash-point', bankName: 'Agribank' }))).toEqual({
      method: 'cash-point',
    });
    expect(
      toPaymentMethodPayload(
        form({ method: 'mobile-money', provider: 'Viettel Money', walletPhone: '+84 399 000 444', bankName: 'x' }),
      ),
    ).toEqual({
      method: 'mobile-money',
      details: { provider: 'Viettel Money', walletPhone: '0399000444' },
    });
    expect(
      toPaymentMethodPayload(form({ method: 'bank', bankName: 'BIDV', accountHolder: 'Lê Thị Hoà'.normalize('NFD') })),
    ).toEqual({
      method: 'bank',
      details: { bankName: 'BIDV', accountHolder: 'Lê Thị Hoà'.normalize('NFC') },
    });
  });
});
