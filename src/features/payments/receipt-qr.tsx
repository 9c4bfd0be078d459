/**
 * The verifiable part of a receipt (issue 16): the check code (the short code of the receipt's
 * hash) and the QR of the signed text, rebuilt from the payment op. Printed with the receipt.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { shortCode } from '../../domain/receipt-chain';
import { receiptOfOp } from '../../storage/receipt-signing';
import { t } from '../../ui/messages';

type Shown = { qr: string; code: string; number: number; svg: string } | 'unsigned' | null;

export function ReceiptQr({ envelope, beneficiaryId }: { envelope: Record<string, unknown>; beneficiaryId: string }) {
  const [shown, setShown] = useState<Shown>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const receipt = await receiptOfOp(envelope, beneficiaryId);
      if (!receipt) {
        if (live) setShown('unsigned');
        return;
      }
      const svg = await QRCode.toString(receipt.qr, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      if (live) setShown({ qr: receipt.qr, code: shortCode(receipt.hash), number: receipt.number, svg });
    })();
    return () => {
      live = false;
    };
  }, [envelope, beneficiaryId]);

  if (shown === null) return null;
  if (shown === 'unsigned') return <p className="muted">{t.receiptCheck.unsigned}</p>;
  return (
    <div className="receipt-qr">
      <p>
        {t.receiptCheck.shortCode}: <strong data-testid="receipt-short-code">{shown.code}</strong> ·{' '}
        {t.receiptCheck.number(shown.number)}
      </p>
      <img
        data-testid="receipt-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(shown.svg)}`}
        alt={t.receiptCheck.qrAlt}
        width={220}
        height={220}
      />
      <details className="no-print">
        <summary>{t.receiptCheck.qrText}</summary>
        <code data-testid="receipt-qr-text" className="qr-text">
          {shown.qr}
        </code>
      </details>
    </div>
  );
}
