/**
 * The registration form of a payment method: zod schema composed from the wire schemas. Its
 * messages are read from the live catalogue when a form is checked, so they follow the language.
 */
import { z } from 'zod';
import { checkPhone } from '../../domain/phone';
import { homeDeliveryReasons, paymentMethods } from '../../domain/vocabulary';
import type { PayloadInput } from '../../protocol/op-registry';
import { t } from '../../ui/messages';

export { homeDeliveryReasons } from '../../domain/vocabulary';

export const paymentMethodFormSchema = z
  .object({
    method: z.enum(paymentMethods, { error: () => t.enrol.errors.method }),
    bankName: z.string().trim(),
    accountNumber: z.string().trim(),
    accountHolder: z.string().trim(),
    provider: z.string().trim(),
    walletPhone: z.string().trim(),
    homeDeliveryReason: z.enum(homeDeliveryReasons).or(z.literal('')),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'bank') {
      if (!v.bankName) ctx.addIssue({ code: 'custom', path: ['bankName'], message: t.enrol.errors.bankName });
      if (v.accountNumber && !/^\d{6,20}$/u.test(v.accountNumber))
        ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: t.enrol.errors.accountNumber });
    }
    if (v.method === 'mobile-money') {
      if (!v.provider) ctx.addIssue({ code: 'custom', path: ['provider'], message: t.enrol.errors.provider });
      const phone = checkPhone(v.walletPhone);
      if (!v.walletPhone || phone.issues.some((i) => i.severity === 'error'))
        ctx.addIssue({ code: 'custom', path: ['walletPhone'], message: t.enrol.errors.walletPhone });
    }
    if (v.method === 'home-delivery' && !v.homeDeliveryReason)
      ctx.addIssue({ code: 'custom', path: ['homeDeliveryReason'], message: t.enrol.errors.homeDeliveryReason });
  });

export type PaymentMethodForm = z.infer<typeof paymentMethodFormSchema>;

export const emptyPaymentMethodForm: PaymentMethodForm = {
  method: 'cash-point',
  bankName: '',
  accountNumber: '',
  accountHolder: '',
  provider: '',
  walletPhone: '',
  homeDeliveryReason: '',
};

/** The `beneficiary.set-payment-method` payload for a valid form: only the method's own details. */
export function toPaymentMethodPayload(form: PaymentMethodForm): PayloadInput<'beneficiary.set-payment-method'> {
  switch (form.method) {
    case 'bank':
      return {
        method: form.method,
        details: {
          bankName: form.bankName,
          ...(form.accountNumber ? { accountNumber: form.accountNumber } : {}),
          ...(form.accountHolder ? { accountHolder: form.accountHolder.normalize('NFC') } : {}),
        },
      };
    case 'mobile-money':
      return {
        method: form.method,
        details: { provider: form.provider, walletPhone: checkPhone(form.walletPhone).national ?? form.walletPhone },
      };
    case 'home-delivery':
      return {
        method: form.method,
        details: form.homeDeliveryReason ? { homeDeliveryReason: form.homeDeliveryReason } : {},
      };
    case 'cash-point':
      return { method: form.method };
  }
}
