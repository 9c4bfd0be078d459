import { useRef, useState } from 'react';
import { isAnyIdNumberFormat, normalizeIdNumber } from '../../domain/citizen-id-number';
import { idCheckPayload, paymentBlockedBy, type ReceiverCheck } from '../../domain/receiver-check';
import type { ReceiverKind, UnpaidReason } from '../../domain/vocabulary';
import type { OutboxRow, PaymentLineRow } from '../../storage/app-db';
import { hashEvidence } from '../../storage/payments';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
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
export function usePay(line: PaymentLineRow) {
  const { isReady, record } = useRecordOp();
  const { db } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [receipt, setReceipt] = useState<OutboxRow | null>(null);
  // A second tap before the first payment is durable must not record a second payment.
  const inFlight = useRef(false);

  async function pay(form: PayForm): Promise<void> {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await payOnce(form);
    } finally {
      inFlight.current = false;
    }
  }

  async function payOnce(form: PayForm): Promise<void> {
    // The line as stored now, not as last rendered: a payment recorded a moment ago counts.
    const stored = await db.paymentLines.get(line.id);
    if (stored?.status === 'paid' || stored?.status === 'transferred') {
      setError(t.pay.alreadyPaidHere);
      return;
    }
    const blocked = paymentBlockedBy(form.check);
    if (blocked) {
      setError(t.pay.blocked[blocked]);
      return;
    }
    const receiverId = normalizeIdNumber(form.receiverIdNumber);
    if (form.receiver !== 'self' && (!form.receiverName.trim() || !isAnyIdNumberFormat(receiverId))) {
      setError(t.pay.receiverRequired);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const signature = form.signature
        ? await hashEvidence({ bytes: await form.signature.arrayBuffer(), type: 'image/png' })
        : undefined;
      const photo = form.photo
        ? await hashEvidence({ bytes: await form.photo.blob.arrayBuffer(), type: form.photo.type })
        : undefined;
      const result = await record(
        'payment.record',
        line.id,
        {
          amount: line.amount,
          receiver:
            form.receiver === 'self'
              ? { kind: 'self' }
              : { kind: form.receiver, fullName: form.receiverName.trim(), idNumber: receiverId },
          ...(form.check ? { idCheck: idCheckPayload(form.check, form.receiver) } : {}),
          ...(signature ? { signature: signature.hash } : {}),
          ...(photo ? { photo: photo.hash } : {}),
        },
        { evidence: [signature, photo].filter((e) => e !== undefined) },
      );
      if (result.ok) setReceipt(result.value);
      else setError(recordErrorMessage(result.error));
    } finally {
      setSaving(false);
    }
  }

  async function unpaid(
    reason: UnpaidReason,
    note: string,
    check: { check: ReceiverCheck; receiver: ReceiverKind } | null,
    revisitOn: string | null = null,
  ): Promise<boolean> {
    const result = await record('payment.unpaid', line.id, {
      reason,
      ...(note.trim() ? { note } : {}),
      ...(revisitOn ? { revisitOn } : {}),
      ...(check ? { idCheck: idCheckPayload(check.check, check.receiver) } : {}),
    });
    setError(result.ok ? null : recordErrorMessage(result.error));
    return result.ok;
  }

  return { pay, unpaid, error, saving, receipt, ready: isReady };
}
