import { Link } from 'react-router';
import type { RosterListRow } from '../../storage/roster-queries';
import { birthYear } from '../../ui/format';
import { t } from '../../ui/messages';

/** One person in the roster list: name, birth year, village, category, payment method, status. */
export function RosterRowView({ row }: { row: RosterListRow }) {
  return (
    <Link to={`/nguoi/${encodeURIComponent(row.id)}`} className="roster-row">
      <div className="roster-main">
        <span className="roster-name">{row.fullName}</span>
        <span className="muted">
          {t.roster.born} {birthYear(row.birthDate)} · {row.village}
        </span>
      </div>
      <div className="roster-meta">
        <span>{t.categories[row.category]}</span>
        <span className="muted">{row.paymentMethod ? t.methods[row.paymentMethod] : t.roster.noMethod}</span>
      </div>
      <span className={`badge status-${row.status}`}>{t.statuses[row.status]}</span>
    </Link>
  );
}

export function RosterRowPlaceholder() {
  return <div className="roster-row placeholder" aria-hidden="true" />;
}
