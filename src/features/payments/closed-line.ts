/** What the pay screen says of a line that takes no payment (docs/protocol.md "Closing a month"). */
import { closingOf } from '../../protocol/month-close';
import { t } from '../../ui/messages';

/** Why the line takes no payment: a close's decision says where its money went. */
export function notOpenText(line: object): string {
  const closing = closingOf(line);
  const status = (line as { status?: unknown }).status;
  // Sent to a provider: the money may already be on its way; paying cash would pay twice.
  if (!closing && status === 'transferred') return t.payout.lineTransferred;
  if (!closing && status === 'failed') return t.payout.lineFailed;
  if (!closing) return t.pay.notOpen;
  if (closing.outcome === 'carry' && closing.carryTo) return t.pay.closedCarried(closing.carryTo);
  return t.pay.closedEnded(closing.reason ? t.closing.reasons[closing.reason] : '');
}
