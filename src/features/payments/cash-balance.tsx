/**
 * A ledger's balance as an equation the payer and the supervisor can check by hand (issue 16):
 * received + handed in − paid − returned − handed out = in hand, and the paid side as the total
 * of the receipts; and its closes with their differences and acknowledgements.
 */
import { closesOf, ledgerTotals, receiptsTotal, type Ledger } from '../../domain/cash-ledger';
import { formatVnd } from '../../domain/money';
import { formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';

export function BalanceEquation({ ledger }: { ledger: Ledger }) {
  const totals = ledgerTotals(ledger);
  const terms = [
    ['+', t.cash.received, totals.received],
    ['+', t.cash.handedIn, totals.handedIn],
    ['−', t.cash.paid, totals.paid],
    ['−', t.cash.returned, totals.returned],
    ['−', t.cash.handedOut, totals.handedOut],
  ] as const;
  return (
    <div className="cash-equation">
      <table>
        <caption>{t.cash.equationTitle}</caption>
        <tbody>
          {terms.map(([sign, label, amount], i) => (
            <tr key={label}>
              <td aria-hidden="true">{i === 0 ? '' : sign}</td>
              <th scope="row">{label}</th>
              <td className="num">{formatVnd(amount)}</td>
            </tr>
          ))}
          <tr className="total">
            <td aria-hidden="true">=</td>
            <th scope="row">{t.cash.balance}</th>
            <td className="num" data-testid="cash-balance">
              <strong>{formatVnd(totals.balance)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted" data-testid="cash-receipts">
        {t.cash.receipts(ledger.payments.length, formatVnd(receiptsTotal(ledger)))}
      </p>
      {totals.balance < 0 && <p className="warning">{t.cash.negative}</p>}
    </div>
  );
}

/** The ledger's counts, newest first: balanced, or the difference and who acknowledged it. */
export function ClosesList({ ledger }: { ledger: Ledger }) {
  const closes = closesOf(ledger).reverse();
  if (closes.length === 0) return null;
  return (
    <>
      <h3>{t.cash.closes}</h3>
      <ul className="cash-closes">
        {closes.map((c) => (
          <li key={c.opId} data-testid="cash-close">
            {t.cash.closeLine(formatIsoDate(c.date), formatVnd(c.counted))} ·{' '}
            {c.difference === 0 ? (
              t.cash.balanced
            ) : (
              <>
                {t.cash.differenceOf(formatVnd(c.difference))}
                {c.reason ? ` (${c.reason})` : ''} ·{' '}
                <strong>{c.acknowledgedBy ? t.cash.acknowledgedBy(c.acknowledgedBy) : t.cash.waitingAck}</strong>
              </>
            )}
            {c.balance !== c.bookBalance && (
              <span className="warning" data-testid="cash-close-claimed">
                {' '}
                {t.cash.claimedBalance(formatVnd(c.balance), formatVnd(c.bookBalance))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
