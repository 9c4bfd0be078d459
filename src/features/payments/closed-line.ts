/** What the pay screen says of a line that takes no payment (docs/protocol.md "Closing a month"). */
import { closingOf } from '../../protocol/month-close';
import { t } from '../../ui/messages';

/** Why the line takes no payment: a close's decision says where its money went. */
export function notOpenText(line: object): string {
  const closing = closingOf(line);
  if (!closing) return t.pay.notOpen;
  if (closing.outcome === 'carry' && closing.carryTo) return t.pay.closedCarried(closing.carryTo);
  return t.pay.closedEnded(closing.reason ? t.closing.reasons[closing.reason] : '');
}
