/** The roster's "new beneficiary" link, for the roles that may enrol (not payers). */
import { Link } from 'react-router';
import type { Role } from '../../domain/vocabulary';
import { t } from '../../ui/messages';
import { canSend } from './roles';

export function EnrolLink({ role }: { role: Role }) {
  if (!canSend(role, 'beneficiary.create')) return null;
  return (
    <p className="toolbar enrol-bar">
      <Link to="/nguoi-moi" className="button">
        + {t.enrol.link}
      </Link>
    </p>
  );
}
