/**
 * A card compared with the roster, field by field: shown by the ID check and the payment screens,
 * so it lives in ui (features may not import each other, docs/style.md §2.3).
 */
import type { CardComparison, FieldCheck } from '../domain/citizen-id-compare';
import { formatBirthDate } from './format';
import { t } from './messages';

function Row({
  label,
  check,
  format = (v) => v,
}: {
  label: string;
  check: FieldCheck;
  format?: (v: string) => string;
}) {
  return (
    <tr className={`check-${check.status}`}>
      <th scope="row">{label}</th>
      <td>{check.card ? format(check.card) : '—'}</td>
      <td>{check.person ? format(check.person) : '—'}</td>
      <td>
        <strong>{t.idCheck.status[check.status]}</strong>
      </td>
    </tr>
  );
}

/** Field by field, with words as well as colour (never colour alone). */
export function ComparisonTable({ comparison }: { comparison: CardComparison }) {
  return (
    <table className="comparison" data-testid="id-comparison" data-overall={comparison.overall}>
      <thead>
        <tr>
          <th />
          <th>{t.idCheck.onCard}</th>
          <th>{t.idCheck.onRoster}</th>
          <th>{t.idCheck.result}</th>
        </tr>
      </thead>
      <tbody>
        <Row label={t.person.idNumber} check={comparison.idNumber} />
        <Row label={t.receipt.beneficiary} check={comparison.fullName} />
        <Row label={t.person.birthDate} check={comparison.birthDate} format={formatBirthDate} />
        <Row label={t.person.gender} check={comparison.gender} format={(g) => t.genders[g as 'male' | 'female'] ?? g} />
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t.idCheck.overall}</th>
          <td colSpan={3}>
            <strong>{t.idCheckOutcomes[comparison.overall]}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
