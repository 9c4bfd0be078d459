/**
 * The slip a person takes home from a communication day (issue 17): what they chose, what they
 * still have to bring, when and where their ID card appointment is, and where and when they are
 * paid. Read from the record as it now stands on the device, so it prints offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { papersToBring, queueOrder } from '../../domain/outreach-day';
import { pointOfVillage } from '../../domain/payment-points';
import { vietnamDate } from '../../lib/clock';
import type { BeneficiaryRow } from '../../storage/app-db';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { pointText } from '../../ui/payment-point-text';
import { SheetHead } from '../../ui/print-sheet';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { PaperNeedList } from './outreach-needs';
import { readinessOf } from './outreach-schema';
import { useOutreachDay } from './use-outreach-day';
import { usePerson } from './use-person';

export function OutreachSlipPage() {
  const { id = '' } = useParams();
  const view = usePerson(id);
  if (view === undefined) return null;
  if (view === null) return <p className="empty">{t.person.notFound}</p>;
  return <Slip person={view.person} />;
}

/** Where and when the person is paid: their village's point, at home, or the account once open. */
function whereText(person: BeneficiaryRow, point: string | null): string {
  if (person.paymentMethod === 'home-delivery') return t.outreach.slipWhereHome;
  const atPoint = point ?? t.outreach.slipNoPoint;
  if (person.paymentMethod === 'bank' || person.paymentMethod === 'mobile-money')
    return `${t.outreach.slipWhereAccount} ${atPoint}`;
  return atPoint;
}

function Slip({ person }: { person: BeneficiaryRow }) {
  const { db, clock } = useServices();
  const session = useSession();
  const navigate = useNavigate();
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const outreach = useOutreachDay(person.communeCode);
  const commune = useLiveQuery(() => db.communes.get(person.communeCode), [db, person.communeCode]);
  const today = vietnamDate(clock.now());
  const needs = papersToBring(readinessOf(person, today));
  const point = pointOfVillage(commune?.paymentSchedule, person.village);
  const request = person.idCardRequest ?? null;
  const dayText = (iso: string) => formatBirthDate(iso);
  const next = queueOrder(outreach.queue?.entries ?? []).find((e) => e.done === null && e.beneficiaryId !== person.id);
  const communeName = commune?.name ?? person.communeCode;

  return (
    <section className="print-list outreach-slip">
      {saved && (
        <p role="status" className="no-print">
          {t.outreach.saved(person.fullName)}
        </p>
      )}
      <p className="no-print toolbar">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.outreach.slipPrint}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            void navigate(
              next
                ? `/ngay-truyen-thong/${encodeURIComponent(next.beneficiaryId)}`
                : `/ngay-truyen-thong?xa=${person.communeCode}`,
            )
          }
        >
          {t.outreach.next}
        </button>{' '}
        <Link to={`/ngay-truyen-thong?xa=${person.communeCode}`}>{t.outreach.back}</Link>
      </p>
      <article className="sheet slip" data-testid="outreach-slip">
        <SheetHead>
          <strong>{communeName.toUpperCase()}</strong>
        </SheetHead>
        <h1 className="center">{t.outreach.slipTitle}</h1>
        <dl className="facts">
          <dt>{t.outreach.slipName}</dt>
          <dd>{person.fullName}</dd>
          <dt>{t.outreach.slipCode}</dt>
          <dd>{person.code}</dd>
          <dt>{t.outreach.slipChose}</dt>
          <dd data-testid="slip-method">
            {person.paymentMethod ? t.methods[person.paymentMethod] : t.roster.noMethod}
          </dd>
        </dl>
        <h2>{t.outreach.slipBring}</h2>
        <div data-testid="slip-needs">
          {needs.length === 0 ? <p>{t.outreach.slipNothing}</p> : <PaperNeedList needs={needs} />}
          {request && request.issuedOn === null && (
            <p data-testid="slip-card">
              {request.appointmentOn
                ? t.outreach.slipCard(
                    request.place ?? t.outreach.placeDefault(communeName),
                    dayText(request.appointmentOn),
                  )
                : t.outreach.slipCardToBook}
            </p>
          )}
        </div>
        <h2>{t.outreach.slipWhere}</h2>
        <p data-testid="slip-where">{whereText(person, point ? pointText(point) : null)}</p>
        <p>{t.outreach.slipHelp(session?.user.displayName ?? '')}</p>
        <p className="right">
          <em>{t.outreach.slipDate(communeName, dayText(today))}</em>
        </p>
      </article>
    </section>
  );
}
