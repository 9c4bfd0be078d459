/**
 * The payer's list for the day on paper (issue 16, "The day's printout"): the people still to pay
 * on their round (to visit, then to visit again), by village in the payer's order, with the amount
 * and a column for each receiver's signature, totals in figures and words, and the payer's and
 * the officer's signatures. A4 portrait; from the device's data, so it prints offline.
 */
import { formatAmount, sumVnd } from '../../domain/money';
import type { UnpaidReason } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import { birthYear, formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { useMyRound } from './use-my-round';
import { InWords, PrintButton, SheetFoot, SheetHead } from '../../ui/print-sheet';

export function PrintRoundPage() {
  const { clock } = useServices();
  const payer = useSession()?.user.displayName ?? '';
  const mine = useMyRound();
  if (!mine) return null;
  const open = mine.round.villages.flatMap((v) => v.lines.filter((l) => l.status === 'due' || l.status === 'unpaid'));
  const total = sumVnd(open.map((l) => l.amount));
  return (
    <section className="print-list">
      <PrintButton />
      <article className="sheet">
        <SheetHead>
          <strong>{t.round.printPayer(payer)}</strong>
          <br />
          {t.round.printMonth(mine.periodId ?? '')}
        </SheetHead>
        <h1 className="center">{t.round.printTitle(formatIsoDate(vietnamDate(clock.now())))}</h1>
        <table>
          <thead>
            <tr>
              <th>{t.printList.cols.no}</th>
              <th>{t.printList.cols.name}</th>
              <th>{t.printList.cols.born}</th>
              <th>{t.printList.cols.village}</th>
              <th>{t.round.cols.address}</th>
              <th>{t.printList.cols.total}</th>
              <th>{t.round.cols.note}</th>
              <th className="sign-col">{t.printList.cols.signature}</th>
            </tr>
          </thead>
          <tbody>
            {open.map(({ item: { line, person }, lastVisit, revisitOn }, i) => (
              <tr key={line.id}>
                <td className="num">{i + 1}</td>
                <td>{person?.fullName}</td>
                <td className="num">{person ? birthYear(person.birthDate) : ''}</td>
                <td>{person?.village}</td>
                <td>{person?.address}</td>
                <td className="num">{formatAmount(line.amount)}</td>
                <td>
                  {lastVisit
                    ? [
                        revisitOn ? t.round.revisitOn(formatIsoDate(revisitOn)) : t.round.revisit,
                        t.round.lastVisit(t.unpaidReasons[lastVisit as UnpaidReason] ?? lastVisit),
                      ].join(' · ')
                    : ''}
                </td>
                <td />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5}>
                <strong>{t.round.printTotal(open.length)}</strong>
              </td>
              <td className="num" data-testid="round-print-total">
                <strong>{formatAmount(total)}</strong>
              </td>
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
        <InWords total={total} />
        <SheetFoot
          blocks={[
            { title: t.round.printPayerSign, hint: t.printList.signHint },
            { title: t.round.printOfficerSign, hint: t.printList.signHint },
          ]}
        />
      </article>
    </section>
  );
}
