/**
 * The end-of-day statement on paper (issue 16, "The day's printout"): the balance carried over,
 * cash received, each payment with its receipt code, the visits without payment and why, cash
 * returned or handed over, the closing balance and the count, for the payer and the treasurer
 * to sign. From the device's data, so it prints offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router';
import { dayStatement } from '../../domain/cash-ledger';
import { formatVnd, type Vnd } from '../../domain/money';
import type { UnpaidReason } from '../../domain/vocabulary';
import { isOfFamily } from '../../protocol/ops';
import { opOf } from '../../storage/local-ops';
import { receiptCode } from '../../storage/payments';
import { readPeople } from '../../storage/roster-pages';
import { formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { InWords, PrintButton, SheetFoot, SheetHead } from '../../ui/print-sheet';
import { useCashLedgers, usePayingMonth } from './use-cash-ledgers';

export function CashStatementPage() {
  const [params] = useSearchParams();
  const commune = params.get('xa') ?? '';
  const date = params.get('ngay') ?? '';
  const month = usePayingMonth();
  const { ledgers } = useCashLedgers(month ?? null);
  const me = useSession()?.user;
  const ledger = ledgers?.find((l) => l.key.payerId === me?.id && l.key.communeCode === commune);
  const names = usePeopleOfDay(ledger?.payments.map((p) => p.lineId) ?? [], me?.id ?? '', date);
  if (!ledger || !me || !names) return null;
  const day = dayStatement(ledger, date);
  const money = (label: string, amount: Vnd, testId?: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="num" data-testid={testId}>
        {formatVnd(amount)}
      </td>
    </tr>
  );
  return (
    <section className="print-list">
      <PrintButton />
      <article className="sheet">
        <SheetHead>
          <strong>{t.cash.statementPayer(me.displayName)}</strong>
        </SheetHead>
        <h1 className="center">{t.cash.statementTitle(formatIsoDate(date))}</h1>
        <table>
          <tbody>
            {money(t.cash.opening, day.opening)}
            {money(t.cash.received, day.received)}
            {money(t.cash.handedIn, day.handedIn)}
            {money(t.cash.paid, day.paid, 'statement-paid')}
            {money(t.cash.returned, day.returned)}
            {money(t.cash.handedOut, day.handedOut)}
            {money(t.cash.closing, day.closing, 'statement-closing')}
          </tbody>
        </table>
        <InWords total={day.closing} />
        {day.entries.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t.cash.cols.no}</th>
                <th>{t.cash.denomination}</th>
                <th>{t.cash.cols.who}</th>
                <th>{t.cash.cols.amount}</th>
              </tr>
            </thead>
            <tbody>
              {day.entries.map((e, i) => (
                <tr key={`${e.opId}:${e.kind}`}>
                  <td className="num">{i + 1}</td>
                  <td>{t.cash.entryKinds[e.kind]}</td>
                  <td>{e.counterpart}</td>
                  <td className="num">{formatVnd(e.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t.cash.paidList}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.cash.cols.no}</th>
              <th>{t.cash.cols.code}</th>
              <th>{t.cash.cols.name}</th>
              <th>{t.cash.cols.receiver}</th>
              <th>{t.cash.cols.amount}</th>
            </tr>
          </thead>
          <tbody>
            {day.payments.map((p, i) => (
              <tr key={p.opId} data-testid="statement-payment">
                <td className="num">{i + 1}</td>
                <td>{receiptCode(p.opId)}</td>
                <td>{names.byLine.get(p.lineId) ?? ''}</td>
                <td>{t.receivers[p.receiverKind]}</td>
                <td className="num">{formatVnd(p.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.cash.unpaidList}</h2>
        {names.unpaid.length === 0 ? (
          <p>{t.cash.none}</p>
        ) : (
          <table>
            <tbody>
              {names.unpaid.map((u, i) => (
                <tr key={u.opId} data-testid="statement-unpaid">
                  <td className="num">{i + 1}</td>
                  <td>{u.name}</td>
                  <td>
                    {t.unpaidReasons[u.reason]}
                    {u.note ? ` – ${u.note}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p data-testid="statement-count">
          {day.close
            ? `${t.cash.counted}: ${formatVnd(day.close.counted)} · ${
                day.close.difference === 0
                  ? t.cash.balanced
                  : `${t.cash.differenceOf(formatVnd(day.close.difference))}${day.close.reason ? ` (${day.close.reason})` : ''}`
              }`
            : t.cash.notCounted}
        </p>
        <SheetFoot
          blocks={[
            { title: t.cash.signPayer, hint: t.printList.signHint },
            { title: t.cash.signTreasurer, hint: t.printList.signHint },
          ]}
        />
      </article>
    </section>
  );
}

type Unpaid = { opId: string; name: string; reason: UnpaidReason; note: string | undefined };

/** The names on the day's payments, and the day's visits without payment by this payer. */
function usePeopleOfDay(lineIds: readonly string[], actorId: string, date: string) {
  const { db } = useServices();
  const key = lineIds.join(',');
  return useLiveQuery(async () => {
    const visits = await db.outbox.filter((r) => r.type === 'payment.unpaid').toArray();
    const unpaidOps = visits.flatMap((row) => {
      const op = opOf(row);
      return op &&
        isOfFamily(op, 'payment-line') &&
        op.type === 'payment.unpaid' &&
        op.actorId === actorId &&
        op.recordedAt.slice(0, 10) === date
        ? [op]
        : [];
    });
    const ids = [...key.split(',').filter(Boolean), ...unpaidOps.map((o) => o.entityId)];
    const lines = await db.paymentLines.bulkGet(ids);
    const people = await readPeople(
      db,
      lines.map((l) => l?.beneficiaryId ?? ''),
    );
    const byLine = new Map(ids.map((id, i) => [id, people[i]?.fullName ?? '']));
    const unpaid: Unpaid[] = unpaidOps.map((op) => ({
      opId: op.id,
      name: byLine.get(op.entityId) ?? '',
      reason: op.payload.reason,
      note: op.payload.note,
    }));
    return { byLine, unpaid };
  }, [db, key, actorId, date]);
}
