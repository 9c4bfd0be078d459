/**
 * "Quỹ người chi trả" (issue 16): a supervisor follows every payer's cash in the month being
 * paid, each balance as its equation, and acknowledges a count that differs from the ledger
 * (`cash.acknowledge`, recorded and synced like every op). The ledgers come from the server when
 * online and stay on the device for offline reading.
 */
import { useState } from 'react';
import { unacknowledged } from '../../domain/cash-ledger';
import { ledgerId } from '../../domain/cash-ops';
import { formatVnd } from '../../domain/money';
import { formatDateTime, formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useRecordOp } from '../../ui/use-record-op';
import { BalanceEquation, ClosesList } from './cash-balance';
import { useCashLedgers, usePayingMonth, type ShownLedger } from './use-cash-ledgers';

export function CashSupervisionPage() {
  const month = usePayingMonth();
  const { ledgers, stale, savedAt, refresh } = useCashLedgers(month ?? null);
  const communes = useMyCommunes();
  if (month === undefined || ledgers === undefined) return null;
  if (month === null) return <p className="empty">{t.cash.noMonth}</p>;
  return (
    <section className="cash">
      <h1>{t.cash.superviseTitle(month)}</h1>
      <p className="muted">
        {t.cash.superviseIntro}{' '}
        {stale ? t.cash.loadFailed : savedAt !== null ? t.cash.savedAt(formatDateTime(savedAt)) : ''}{' '}
        <button type="button" onClick={refresh}>
          {t.cash.refresh}
        </button>
      </p>
      {ledgers.length === 0 && <p className="empty">{t.cash.noLedgers}</p>}
      {ledgers.map((ledger) => (
        <PayerLedger
          key={`${ledger.key.communeCode}:${ledger.key.payerId}`}
          ledger={ledger}
          communeName={communes?.find((c) => c.code === ledger.key.communeCode)?.name ?? ledger.key.communeCode}
        />
      ))}
    </section>
  );
}

function PayerLedger({ ledger, communeName }: { ledger: ShownLedger; communeName: string }) {
  const { record, isReady } = useRecordOp();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const waiting = unacknowledged(ledger);

  async function acknowledge(closeOpId: string) {
    const result = await record('cash.acknowledge', ledgerId(ledger.key), { ...ledger.key, closeOpId });
    setMessage(
      result.ok ? { ok: true, text: t.cash.acknowledged } : { ok: false, text: recordErrorMessage(result.error) },
    );
  }

  return (
    <article className="card" aria-labelledby={`payer-${ledger.key.payerId}-${ledger.key.communeCode}`}>
      <h2 id={`payer-${ledger.key.payerId}-${ledger.key.communeCode}`}>
        {ledger.payerName} · {communeName}
      </h2>
      <BalanceEquation ledger={ledger} />
      <ClosesList ledger={ledger} />
      {waiting.map((c) => (
        <p key={c.opId}>
          <button type="button" className="primary" disabled={!isReady} onClick={() => void acknowledge(c.opId)}>
            {t.cash.acknowledge} ({formatIsoDate(c.date)}, {formatVnd(c.difference)})
          </button>
        </p>
      ))}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.text}
        </p>
      )}
    </article>
  );
}
