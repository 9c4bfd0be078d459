import { Link } from 'react-router';
import type { BeneficiaryRow } from '../../storage/app-db';
import { birthYear } from '../../ui/format';
import { vi } from '../../ui/messages.vi';

/** One person in the roster list: name, birth year, village, category, payment method, status. */
export function RosterRowView({ row }: { row: BeneficiaryRow }) {
  return (
    <Link to={`/nguoi/${encodeURIComponent(row.id)}`} className="roster-row">
      <div className="roster-main">
        <span className="roster-name">{row.fullName}</span>
        <span className="muted">
          {vi.roster.born} {birthYear(row.birthDate)} · {row.village}
        </span>
      </div>
      <div className="roster-meta">
        <span>{vi.categories[row.category]}</span>
        <span className="muted">{row.paymentMethod ? vi.methods[row.paymentMethod] : vi.roster.noMethod}</span>
      </div>
      <span className={`badge status-${row.status}`}>{vi.statuses[row.status]}</span>
    </Link>
  );
}

export function RosterRowPlaceholder() {
  return <div className="roster-row placeholder" aria-hidden="true" />;
}
