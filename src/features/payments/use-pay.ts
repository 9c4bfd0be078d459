import { useState } from 'react';
import { idCheckPayload, paymentBlockedBy, type ReceiverCheck } from '../../domain/receiver-check';
import type { ReceiverKind, UnpaidReason } from '../../domain/vocabulary';
import type { OutboxRow } from '../../storage/app-db';
import { recordPayment, recordUnpaid, type RecordPaymentError } from '../../storage/payments';
import { toStorageErrorCode } from '../../storage/storage-errors';
import { t } from '../../ui/messages';
import { reportStorageError } from '../../ui/storage-alert';
import { useOpContext } from '../../ui/use-op-context';
import { useServices } from '../../ui/services';

export type PayForm = {
  receiver: ReceiverKind;
  receiverName: string;
  receiverIdNumber: string;
  signature: Blob | null;
  photo: { blob: Blob; type: 'image/jpeg' | 'image/png' | 'image/webp' } | null;
  check: ReceiverCheck | null;
};

/** Records a payment or an unpaid visit through the outbox and reports the outcome in Vietnamese. */
export function usePay(lineId: string, amount: number) {
  const { db, engine } = useServices();
  const ctx = useOpContext();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [receipt, setReceipt] = useState<OutboxRow | null>(null);

  async function pay(form: PayForm): Promise<void> {
    if (!ctx) return;
    const blocked = paymentBlockedBy(form.check);
    if (blocked) {
      setError(t.pay.blocked[blocked]);
      return;
    }
    if (
      form.receiver !== 'self' &&
      (!form.receiverName.trim() || !/^\d{9}(\d{3})?$/u.test(form.receiverIdNumber.trim()))
    ) {
      setError(t.pay.receiverRequired);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const signature = form.signature
        ? { bytes: await form.signature.arrayBuffer(), type: 'image/png' as const }
        : undefined;
      const photo = form.photo ? { bytes: await form.photo.blob.arrayBuffer(), type: form.photo.type } : undefined;
      const result = await recordPayment(db, ctx, {
        lineId,
        amount,
        receiver:
          form.receiver === 'self'
            ? { kind: 'self' }
            : { kind: form.receiver, fullName: form.receiverName.trim(), idNumber: form.receiverIdNumber.trim() },
        ...(form.check ? { idCheck: idCheckPayload(form.check, form.receiver) } : {}),
        ...(signature ? { signature } : {}),
        ...(photo ? { photo } : {}),
      });
      if (result.ok) {
        setReceipt(result.value);
        engine.notifyNewOp();
      } else setError(t.pay.errors[result.error satisfies RecordPaymentError]);
    } catch (e) {
      reportStorageError(toStorageErrorCode(e));
      setError(t.pay.storageError);
    } finally {
      setSaving(false);
    }
  }

  async function unpaid(
    reason: UnpaidReason,
    note: string,
    check: { check: ReceiverCheck; receiver: ReceiverKind } | null,
  ): Promise<boolean> {
    if (!ctx) return false;
    const result = await recordUnpaid(db, ctx, {
      lineId,
      reason,
      note,
      ...(check ? { idCheck: idCheckPayload(check.check, check.receiver) } : {}),
    });
    if (!result.ok) {
      setError(t.pay.errors[result.error]);
      return false;
    }
    engine.notifyNewOp();
    return true;
  }

  return { pay, unpaid, error, saving, receipt, ready: ctx !== undefined };
}
