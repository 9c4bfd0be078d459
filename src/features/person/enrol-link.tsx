/** The roster's "new beneficiary" link, for the roles that may enrol (not payers). */
import { Link } from 'react-router';
import { t } from '../../ui/messages';
import { useCan } from '../../ui/use-can';

export function EnrolLink() {
  const can = useCan();
  if (!can('beneficiary.create')) return null;
  return (
    <p className="toolbar enrol-bar">
      <Link to="/nguoi-moi" className="button">
        + {t.enrol.link}
      </Link>
    </p>
  );
}
