/** English text of closing a commune's month (part of messages.en.ts). */
import type { CloseEndReason } from '../domain/month-close';
import type { PaymentLineStatus } from '../domain/vocabulary';

const monthLabel = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;

export const closingMessages = {
  closing: {
    heading: (commune: string, period: string) => `Closing ${monthLabel(period)} — ${commune}`,
    intro:
      'Closing decides every unpaid line: carried into next month (added to its arrears) or ended with a reason. The month is then read-only.',
    nothing: 'This month has no payment lines in the commune to close.',
    onlySupervisor: 'Only province staff (supervisors) close a month.',
    equationTitle: 'The money balances to the đồng',
    due: 'Due',
    paid: 'Paid',
    carried: (period: string) => `Carried into ${monthLabel(period)}`,
    ended: 'Ended',
    withdrawn: (count: number, amount: string) =>
      `Besides, ${count} lines were withdrawn before the close (${amount}).`,
    allPaid: 'Every line is paid: nothing is left to decide.',
    cols: {
      name: 'Full name',
      code: 'Code',
      village: 'Village',
      status: 'Status',
      amount: 'Amount',
      decision: 'Decision',
    },
    statuses: {
      due: 'Not paid',
      paid: 'Paid',
      unpaid: 'Visited, not paid',
      transferred: 'Transferred',
      failed: 'Transfer failed',
      void: 'Withdrawn',
    } satisfies Record<PaymentLineStatus, string>,
    carry: (period: string) => `Carry into ${monthLabel(period)}`,
    end: 'End',
    reason: 'Reason',
    note: 'Note',
    reasons: {
      deceased: 'Died',
      'moved-away': 'Moved away',
      'not-eligible': 'No longer eligible',
      declined: 'Declined the payment',
      other: 'Other (say what)',
    } satisfies Record<CloseEndReason, string>,
    noteNeeded: '“Other” needs a note.',
    close: 'Close the month',
    confirm: (period: string) => `Confirm closing ${monthLabel(period)}`,
    cancel: 'Do not close',
    closing: 'Closing…',
    closedAt: (at: string, name: string) => `Closed at ${at} by ${name}.`,
    done: 'Closed. The tablets receive the decisions when they sync.',
    print: 'Print the closing record',
    outcome: { carry: 'Carried into next month', end: 'Ended' },
  },
};
