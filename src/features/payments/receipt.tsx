import { amountInWordsVi, formatVnd, type Vnd } from '../../domain/money';
import type { EmbeddedIdCheck } from '../../protocol/ops';
import type { BeneficiaryRow, OutboxRow } from '../../storage/app-db';
import { receiptCode } from '../../storage/payments';
import { formatDateTime } from '../../ui/format';
import { t } from '../../ui/messages';
import { ReceiptQr } from './receipt-qr';

type Receiver = { kind: 'self' | 'guardian' | 'authorized'; fullName?: string; idNumber?: string };

/** The home-delivery receipt: shown on screen after payment and printable on A5/A4. */
export function Receipt({
  op,
  person,
  beneficiaryId,
}: {
  op: OutboxRow;
  person: BeneficiaryRow | undefined;
  beneficiaryId: string;
}) {
  const payload = op.envelope['payload'] as { amount: Vnd; receiver: Receiver; idCheck?: EmbeddedIdCheck };
  const check = payload.idCheck;
  const recordedAt = Date.parse(String(op.envelope['recordedAt']));
  return (
    <article className="card receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t.receipt.title}</h2>
      <p>
        {t.receipt.code}: <strong data-testid="receipt-code">{receiptCode(op.id)}</strong>
      </p>
      <dl>
        <dt>{t.receipt.beneficiary}</dt>
        <dd>{person?.fullName}</dd>
        <dt>{t.receipt.amount}</dt>
        <dd data-testid="receipt-amount">{formatVnd(payload.amount)}</dd>
        <dt>{t.receipt.inWords}</dt>
        {/* Vietnamese in every interface language, on purpose: the amount in words is what the
            recipient signs for on a Vietnamese payment document, and it guards the figures. */}
        <dd>{amountInWordsVi(payload.amount)}</dd>
        <dt>{t.receipt.receiver}</dt>
        <dd>
          {t.receivers[payload.receiver.kind]}
          {payload.receiver.fullName ? `: ${payload.receiver.fullName} (${payload.receiver.idNumber ?? ''})` : ''}
        </dd>
        {check && (
          <>
            <dt>{t.receipt.idCheck}</dt>
            <dd data-testid="receipt-id-check">
              {check.method === 'not-possible'
                ? t.pay.skipped(check.reason ? t.pay.skipReasons[check.reason] : '')
                : `${t.pay.checkedBy[check.method]}: ${t.idCheckOutcomes[check.overall] ?? ''}`}
            </dd>
          </>
        )}
        <dt>{t.receipt.time}</dt>
        <dd>{formatDateTime(recordedAt)}</dd>
      </dl>
      <ReceiptQr envelope={op.envelope} beneficiaryId={beneficiaryId} />
      <p className="muted no-print">{t.receipt.pending}</p>
      <button type="button" className="no-print" onClick={() => window.print()}>
        {t.receipt.print}
      </button>
    </article>
  );
}
