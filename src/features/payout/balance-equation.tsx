/** A batch's balance as the screen shows it: sent = paid + failed + waiting, in lines and đồng. */
import { balances, type Balance } from '../../domain/batch-reconcile';
import { formatVnd, vnd } from '../../domain/money';
import { t } from '../../ui/messages';

export function BalanceEquation({ balance }: { balance: Balance }) {
  const { sent, paid, failed, waiting } = balance;
  const money = (n: number) => formatVnd(vnd(n));
  const isSettled = balances(balance) && waiting.lines === 0;
  return (
    <div className="equation" data-testid="batch-equation">
      <p>
        <strong>{t.payout.equationTitle}:</strong> {t.payout.sent} {money(sent.amount)} = {t.payout.paid}{' '}
        {money(paid.amount)} + {t.payout.failed} {money(failed.amount)} + {t.payout.waiting} {money(waiting.amount)}
      </p>
      <p>
        {t.payout.lines(sent.lines)} = {paid.lines} {t.payout.paid} + {failed.lines} {t.payout.failed} + {waiting.lines}{' '}
        {t.payout.waiting}
      </p>
      <p className={isSettled ? 'ok' : 'muted'}>{isSettled ? t.payout.balanced : t.payout.notBalanced}</p>
    </div>
  );
}
