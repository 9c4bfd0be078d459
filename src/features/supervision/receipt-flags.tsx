/**
 * Irregular receipts for supervisors (issue 16; docs/protocol.md "Verifiable receipts"): what the
 * server found when checking the devices' receipt chains on push. Shown on the devices screen,
 * last (other screens' tests find the first form and alert).
 */
import { useEffect, useState } from 'react';
import type { ReceiptFlag } from '../../protocol/receipts';
import { TransportError } from '../../sync/transport';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';

export function ReceiptFlags({ token }: { token: string }) {
  const { transport } = useServices();
  const [flags, setFlags] = useState<ReceiptFlag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    transport.listReceiptFlags(token).then(
      (found) => {
        if (live) setFlags(found);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e instanceof TransportError ? e.code : 'unexpected'));
      },
    );
    return () => {
      live = false;
    };
  }, [token, transport]);

  return (
    <section className="card receipt-flags" aria-labelledby="receipt-flags-title">
      <h2 id="receipt-flags-title">{t.receiptFlags.title}</h2>
      <p className="muted">{t.receiptFlags.intro}</p>
      {error && <p className="error">{error}</p>}
      {flags?.length === 0 && <p>{t.receiptFlags.none}</p>}
      {flags && flags.length > 0 && (
        <table data-testid="receipt-flags">
          <thead>
            <tr>
              <th scope="col">{t.receiptFlags.device}</th>
              <th scope="col">{t.receiptFlags.number}</th>
              <th scope="col">{t.receiptFlags.problem}</th>
              <th scope="col">{t.receiptFlags.line}</th>
              <th scope="col">{t.receiptFlags.detectedAt}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr key={`${f.opId}:${f.code}`}>
                <td>{f.deviceName || f.deviceId}</td>
                <td>
                  {f.number}
                  {f.number !== f.expected && <span className="muted"> ({t.receiptFlags.expected(f.expected)})</span>}
                </td>
                <td>{t.receiptFlags.codes[f.code]}</td>
                <td>{f.lineId}</td>
                <td>{formatDateTime(Date.parse(f.detectedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
