import { formatAmount, sumVnd } from '../../domain/money';
import { pointOfVillage } from '../../domain/payment-points';
import { pointText } from '../../ui/payment-point-text';
import { birthYear } from '../../ui/format';
import { t } from '../../ui/messages';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router';
import { useServices } from '../../ui/services';
import { InWords, PrintButton, SheetFoot, SheetHead } from '../../ui/print-sheet';
import { usePaymentList, type PaymentListItem } from './use-payment-list';

/**
 * "Danh sách chi trả trợ cấp xã hội tháng …" for a cash-point day, one table per commune,
 * laid out for A4 landscape (docs/domain.md §4.2 columns), with totals in figures and words.
 */
export function PrintListPage() {
  const [params] = useSearchParams();
  const list = usePaymentList(params.get('thang'));
  const { db } = useServices();
  const communes = useLiveQuery(() => db.communes.toArray(), [db]);
  if (!list || !communes) return null;
  const [year, month] = (list.periodId ?? '').split('-');
  const byCommune = new Map<string, PaymentListItem[]>();
  for (const item of list.items) {
    const code = item.line.communeCode;
    byCommune.set(code, [...(byCommune.get(code) ?? []), item]);
  }
  return (
    <section className="print-list">
      <PrintButton />
      {[...byCommune.entries()].map(([code, items]) => {
        const sorted = [...items].sort(
          (a, b) =>
            (a.person?.village ?? '').localeCompare(b.person?.village ?? '', 'vi', { numeric: true }) ||
            ((a.person?.sortKey ?? '') < (b.person?.sortKey ?? '') ? -1 : 1),
        );
        const totals = {
          monthly: sumVnd(sorted.map(({ line }) => line.monthlyAmount)),
          arrears: sumVnd(sorted.map(({ line }) => line.arrearsAmount)),
          total: sumVnd(sorted.map(({ line }) => line.amount)),
        };
        const commune = communes.find((c) => c.code === code);
        // The commune's payment points, when its schedule is this month's (issue 16).
        const schedule = commune?.paymentSchedule?.month === list.periodId ? commune.paymentSchedule : null;
        return (
          <article key={code} className="sheet">
            <SheetHead>
              <strong>{(commune?.name ?? code).toUpperCase()}</strong>
            </SheetHead>
            <h1 className="center">{t.printList.title(month ?? '', year ?? '')}</h1>
            {schedule && schedule.points.length > 0 && (
              <ul className="print-points" data-testid="print-points">
                {schedule.points.map((p) => (
                  <li key={p.id}>
                    {t.points.listNote}: {pointText(p)} – {p.villages.join(', ')}
                  </li>
                ))}
              </ul>
            )}
            <table>
              <thead>
                <tr>
                  <th>{t.printList.cols.no}</th>
                  <th>{t.printList.cols.name}</th>
                  <th>{t.printList.cols.born}</th>
                  <th>{t.printList.cols.village}</th>
                  {schedule && <th>{t.points.ofPerson}</th>}
                  <th>{t.printList.cols.monthly}</th>
                  <th>{t.printList.cols.arrears}</th>
                  <th>{t.printList.cols.total}</th>
                  <th className="sign-col">{t.printList.cols.signature}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map(({ line, person }, i) => (
                  <tr key={line.id}>
                    <td className="num">{i + 1}</td>
                    <td>{person?.fullName}</td>
                    <td className="num">{person ? birthYear(person.birthDate) : ''}</td>
                    <td>{person?.village}</td>
                    {schedule && <td>{pointOfVillage(schedule, person?.village ?? '')?.name ?? ''}</td>}
                    <td className="num">{formatAmount(line.monthlyAmount)}</td>
                    <td className="num">{line.arrearsAmount ? formatAmount(line.arrearsAmount) : ''}</td>
                    <td className="num">{formatAmount(line.amount)}</td>
                    <td />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={schedule ? 5 : 4}>
                    <strong>{t.printList.totalRow(sorted.length)}</strong>
                  </td>
                  <td className="num">{formatAmount(totals.monthly)}</td>
                  <td className="num">{formatAmount(totals.arrears)}</td>
                  <td className="num" data-testid="print-total">
                    <strong>{formatAmount(totals.total)}</strong>
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
            <InWords total={totals.total} />
            <SheetFoot
              blocks={[
                { title: t.printList.preparer, hint: t.printList.signHint },
                { title: t.printList.approver, hint: t.printList.stampHint },
              ]}
            />
          </article>
        );
      })}
    </section>
  );
}
