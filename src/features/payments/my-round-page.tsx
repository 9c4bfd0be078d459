/**
 * "Của tôi" (issue 16, "Assignments"): the payer's list for the day — the month's lines assigned
 * to them, by village in the order they keep (moved with the arrows, remembered on the device),
 * people to visit first, then those to visit again, with counts and the money still to pay.
 * Works offline: everything comes from the device's lines and roster.
 */
import { Link } from 'react-router';
import { formatVnd, vnd } from '../../domain/money';
import { moveVillage } from '../../domain/payer-round';
import type { UnpaidReason } from '../../domain/vocabulary';
import { vietnamDate } from '../../lib/clock';
import { setKv } from '../../storage/kv';
import { formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useMyRound } from './use-my-round';

export function MyRoundPage() {
  const { db, clock } = useServices();
  const today = vietnamDate(clock.now());
  const mine = useMyRound();

  if (!mine) return <p className="muted">{t.loading}</p>;
  const { round, periodId } = mine;
  const shown = round.villages.map((v) => v.village);
  const move = (village: string, by: -1 | 1) => void setKv(db, 'roundOrder', moveVillage(shown, village, by));

  return (
    <section className="payments my-round">
      <h1>{t.round.title(periodId ?? '')}</h1>
      <GuideLink guide="unpaid" />
      {round.villages.length > 0 && (
        <p className="no-print">
          <Link to="/cua-toi/in" className="button">
            {t.round.print}
          </Link>
        </p>
      )}
      {round.villages.length === 0 ? (
        <p className="empty">{t.round.none}</p>
      ) : (
        <p data-testid="round-summary">
          {t.round.summary(round.toVisit, round.revisits, round.paid)} ·{' '}
          <strong>{t.round.toPay(formatVnd(vnd(round.toPay)))}</strong>
        </p>
      )}
      {round.villages.map((v, i) => (
        <section key={v.village} className="round-village" aria-labelledby={`round-${String(i)}`}>
          <div className="toolbar">
            <h2 id={`round-${String(i)}`}>{v.village}</h2>
            <span className="muted">{t.round.villageSummary(v.toVisit, v.revisits, formatVnd(vnd(v.toPay)))}</span>
            <button
              type="button"
              disabled={i === 0}
              onClick={() => move(v.village, -1)}
              aria-label={t.round.up(v.village)}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={i === round.villages.length - 1}
              onClick={() => move(v.village, 1)}
              aria-label={t.round.down(v.village)}
            >
              ↓
            </button>
          </div>
          <ul className="plain pay-list">
            {v.lines.map(({ item: { line, person }, lastVisit, revisitOn }) => (
              <li key={line.id}>
                <Link to={`/chi-tra/${encodeURIComponent(line.id)}`} className={`pay-item status-${line.status}`}>
                  <span className="pay-name">{person?.fullName ?? t.payments.unknownPerson}</span>
                  <span className="muted">
                    {lastVisit !== null && (line.status === 'due' || line.status === 'unpaid')
                      ? [
                          revisitOn ? t.round.revisitOn(formatIsoDate(revisitOn)) : t.round.revisit,
                          revisitOn && revisitOn <= today ? t.round.revisitDue : null,
                          t.round.lastVisit(t.unpaidReasons[lastVisit as UnpaidReason] ?? lastVisit),
                        ]
                          .filter(Boolean)
                          .join(' · ')
                      : (person?.address ?? '')}
                  </span>
                  <span className="pay-amount">{formatVnd(line.amount)}</span>
                  <span className={`badge line-${line.status}`}>{t.lineStatuses[line.status]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
