/**
 * "Tiền mặt" (issue 16, "Cash custody ledger"): the payer's cash in hand for the month being
 * paid, per commune: the balance as an equation that equals the receipts, today's entries, the
 * counts, and the forms to receive, return, hand over and count. Works offline: what the device
 * recorded counts at once, what the server knows comes with the last download.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { dayStatement, ledgerTotals } from '../../domain/cash-ledger';
import { formatVnd } from '../../domain/money';
import { vietnamDate } from '../../lib/clock';
import { formatDateTime } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useSession } from '../../ui/use-session';
import { BalanceEquation, ClosesList } from './cash-balance';
import { CashMoveForm, CloseForm, HandoverForm } from './cash-forms';
import { useCashLedgers, usePayingMonth, type ShownLedger } from './use-cash-ledgers';

type Mode = 'receive' | 'return' | 'handover' | 'close' | null;

export function CashPage() {
  const month = usePayingMonth();
  const { ledgers, stale, savedAt, refresh } = useCashLedgers(month ?? null);
  const me = useSession()?.user;
  const communes = useMyCommunes();
  if (month === undefined || !me) return null;
  if (month === null) return <p className="empty">{t.cash.noMonth}</p>;
  const mine = (ledgers ?? []).filter((l) => l.key.payerId === me.id);
  return (
    <section className="cash">
      <h1>{t.cash.title(month)}</h1>
      <GuideLink guide="cash" />
      <p className="muted">
        {stale ? t.cash.stale : savedAt !== null ? t.cash.savedAt(formatDateTime(savedAt)) : ''} {t.cash.pendingNote}{' '}
        <button type="button" onClick={refresh}>
          {t.cash.refresh}
        </button>
      </p>
      {mine.map((ledger) => (
        <LedgerCard
          key={ledger.key.communeCode}
          ledger={ledger}
          communeName={communes?.find((c) => c.code === ledger.key.communeCode)?.name ?? ledger.key.communeCode}
          showCommune={mine.length > 1}
        />
      ))}
    </section>
  );
}

function LedgerCard({
  ledger,
  communeName,
  showCommune,
}: {
  ledger: ShownLedger;
  communeName: string;
  showCommune: boolean;
}) {
  const { clock } = useServices();
  const [mode, setMode] = useState<Mode>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = vietnamDate(clock.now());
  const day = dayStatement(ledger, today);
  const done = () => {
    setMode(null);
    setNotice(t.cash.saved);
  };
  const open = (next: Mode) => {
    setNotice(null);
    setMode(next);
  };
  return (
    <article className="card" aria-label={communeName}>
      {showCommune && <h2>{t.cash.commune(communeName)}</h2>}
      <BalanceEquation ledger={ledger} />
      {notice && <p role="status">{notice}</p>}
      {mode === null && (
        <div className="actions" role="group" aria-label={t.cash.actions}>
          <button type="button" className="primary" onClick={() => open('receive')}>
            {t.cash.receive}
          </button>
          <button type="button" onClick={() => open('return')}>
            {t.cash.return}
          </button>
          <button type="button" onClick={() => open('handover')}>
            {t.cash.handover}
          </button>
          <button type="button" onClick={() => open('close')}>
            {t.cash.close}
          </button>
          <Link
            className="button"
            to={`/tien-mat/in?xa=${encodeURIComponent(ledger.key.communeCode)}&ngay=${encodeURIComponent(today)}`}
          >
            {t.cash.statement}
          </Link>
        </div>
      )}
      {(mode === 'receive' || mode === 'return') && (
        <CashMoveForm kind={mode} ledger={ledger.key} today={today} onDone={done} />
      )}
      {mode === 'handover' && <HandoverForm ledger={ledger.key} today={today} onDone={done} />}
      {mode === 'close' && (
        <CloseForm ledger={ledger.key} today={today} balance={ledgerTotals(ledger).balance} onDone={done} />
      )}
      <ClosesList ledger={ledger} />
      <h3>{t.cash.dayEntries}</h3>
      {day.entries.length === 0 && day.payments.length === 0 ? (
        <p className="muted">{t.cash.none}</p>
      ) : (
        <ul className="cash-entries">
          {day.entries.map((e) => (
            <li key={`${e.opId}:${e.kind}`}>
              {t.cash.entryKinds[e.kind]}: {formatVnd(e.amount)} · {e.counterpart}
            </li>
          ))}
          {day.payments.length > 0 && (
            <li>
              {t.cash.paid}: {formatVnd(day.paid)} ({day.payments.length})
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
