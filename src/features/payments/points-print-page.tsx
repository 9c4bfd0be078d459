/**
 * The payment schedule for the commune's notice board (issue 16, "Payment points and days"):
 * each point with its days, hours, villages and payers, A4, from the commune's pulled data, so
 * it prints offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router';
import { daysText } from '../../domain/payment-points';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { PrintButton, SheetHead } from '../../ui/print-sheet';
import { usePayers } from './use-payers';

export function PointsPrintPage() {
  const [params] = useSearchParams();
  const code = params.get('xa') ?? '';
  const { db } = useServices();
  const commune = useLiveQuery(async () => (await db.communes.get(code)) ?? null, [db, code]);
  const { saved: payers } = usePayers();
  if (commune === undefined) return null;
  const schedule = commune?.paymentSchedule;
  if (!schedule) return <p className="empty">{t.points.none}</p>;
  const nameOf = (id: string) => payers?.payers.find((p) => p.id === id)?.displayName ?? '';
  return (
    <section className="print-list">
      <PrintButton />
      <article className="sheet">
        <SheetHead>
          <strong>{(commune.name || code).toUpperCase()}</strong>
        </SheetHead>
        <h1 className="center">{t.points.boardTitle(schedule.month)}</h1>
        <table data-testid="points-board">
          <thead>
            <tr>
              <th>{t.points.boardCols.point}</th>
              <th>{t.points.boardCols.days}</th>
              <th>{t.points.boardCols.hours}</th>
              <th>{t.points.boardCols.villages}</th>
              <th>{t.points.boardCols.payers}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.points.map((p) => (
              <tr key={p.id}>
                <td>
                  <strong>{p.name}</strong>
                  {p.address ? <br /> : null}
                  {p.address}
                </td>
                <td>{daysText(p.days, t.points.and)}</td>
                <td>
                  {p.from}–{p.to}
                </td>
                <td>{p.villages.join(', ')}</td>
                <td>{p.payerIds.map(nameOf).filter(Boolean).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </section>
  );
}
