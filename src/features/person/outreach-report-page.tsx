/**
 * The communication day's counts for the commune's report (issue 17): people registered at this
 * table by payment method and by readiness, each person once (domain/outreach-day.ts
 * `dayCounts`: both columns add up to the total), then the list, and signature blocks. A4.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router';
import { dayCounts, queueOrder } from '../../domain/outreach-day';
import { readinessStatuses } from '../../domain/readiness';
import { paymentMethods } from '../../domain/vocabulary';
import { readPeople } from '../../storage/roster-pages';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { PrintButton, SheetFoot, SheetHead } from '../../ui/print-sheet';
import { useServices } from '../../ui/services';
import { useOutreachDay } from './use-outreach-day';

export function OutreachReportPage() {
  const [params] = useSearchParams();
  const code = params.get('xa') ?? '';
  const { db } = useServices();
  const outreach = useOutreachDay(code);
  const commune = useLiveQuery(async () => (await db.communes.get(code)) ?? null, [db, code]);
  const done = queueOrder(outreach.queue?.entries ?? [])
    .filter((e) => e.done !== null)
    .reverse();
  const people = useLiveQuery(
    () =>
      readPeople(
        db,
        done.map((e) => e.beneficiaryId),
      ),
    [db, outreach.queue],
  );
  if (outreach.queue === undefined || commune === undefined) return null;
  const counts = dayCounts(outreach.queue?.entries ?? []);
  const name = commune?.name ?? code;

  return (
    <section className="print-list">
      <PrintButton />
      <article className="sheet" data-testid="outreach-report">
        <SheetHead>
          <strong>{name.toUpperCase()}</strong>
        </SheetHead>
        <h1 className="center">{t.outreach.reportTitle}</h1>
        <p className="center">
          <em>{t.outreach.slipDate(name, formatBirthDate(outreach.day))}</em>
        </p>
        <p>{t.outreach.registered(counts.registered)}</p>
        <p className="muted">{t.outreach.reportScope}</p>
        <Tally
          title={t.outreach.byMethod}
          rows={paymentMethods.map((m) => [t.methods[m], counts.byMethod[m]])}
          total={counts.registered}
        />
        <Tally
          title={t.outreach.byReadiness}
          rows={readinessStatuses.map((s) => [t.readiness.statuses[s], counts.byReadiness[s]])}
          total={counts.registered}
        />
        <h2>{t.outreach.reportPeople}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.outreach.cols.no}</th>
              <th>{t.outreach.cols.name}</th>
              <th>{t.outreach.cols.code}</th>
              <th>{t.outreach.cols.method}</th>
              <th>{t.outreach.cols.readiness}</th>
            </tr>
          </thead>
          <tbody>
            {done.map((entry, i) => (
              <tr key={entry.beneficiaryId}>
                <td className="num">{i + 1}</td>
                <td>{people?.[i]?.fullName ?? ''}</td>
                <td>{people?.[i]?.code ?? ''}</td>
                <td>{entry.done ? t.methods[entry.done.method] : ''}</td>
                <td>{entry.done ? t.readiness.statuses[entry.done.readiness] : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <SheetFoot
          blocks={[
            { title: t.outreach.reportSigner, hint: t.printList.signHint },
            { title: t.outreach.reportHead, hint: t.printList.signHint },
          ]}
        />
      </article>
    </section>
  );
}

/** One column of the day's counts: a row per kind, then the total (every column has the same). */
function Tally({ title, rows, total }: { title: string; rows: [string, number][]; total: number }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{title}</th>
          <th>{t.outreach.cols.count}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <td>{label}</td>
            <td className="num">{n}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t.outreach.reportTotal}</th>
          <td className="num">{total}</td>
        </tr>
      </tbody>
    </table>
  );
}
