/**
 * A failed transfer on the person's page (issue 12): which month, the provider's reason, what the
 * supervisor decided, and a request to the officer to check the account details — the next
 * month's transfer goes to the same account unless they are fixed.
 */
import type { RerouteTarget } from '../../domain/payment-ops';
import { paymentLineStateOf } from '../../protocol/payment-line-history';
import type { PaymentLineRow } from '../../storage/app-db';
import { t } from '../../ui/messages';

export function TransferFailure({ lines }: { lines: readonly PaymentLineRow[] }) {
  // Lines come newest month first: the latest transfer that failed is the one to act on.
  for (const line of lines) {
    const state = paymentLineStateOf(line);
    const last = state?.transfers.at(-1);
    if (!state || last?.outcome?.kind !== 'failed') continue;
    const decided = state.reroute?.transferOpId === last.opId ? state.reroute.to : null;
    const month = line.periodId.split('-').reverse().join('/');
    return (
      <div className="warning card" role="status" data-testid="transfer-failure">
        <p>
          <strong>{t.payout.personFailed(month, last.outcome.reason ?? t.lineStatuses.failed)}</strong>
        </p>
        {decided !== null && <p>{t.payout.personRerouted(t.payout.rerouteTo[decided satisfies RerouteTarget])}</p>}
        <p>{t.payout.personFailedFix}</p>
      </div>
    );
  }
  return null;
}
