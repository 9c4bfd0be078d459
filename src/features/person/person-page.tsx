import { Link, useParams } from 'react-router';
import { categoryLabelVi, monthlyAmount } from '../../domain/benefits';
import type { ComparisonOutcome } from '../../domain/citizen-id-compare';
import { formatVnd } from '../../domain/money';
import { classifyReadiness } from '../../domain/readiness';
import { readinessReasonMessagesVi, readinessStatusLabelsVi } from '../../domain/readiness.vi';
import { vietnamDate, vietnamMonth } from '../../lib/clock';
import { formatBirthDate } from '../../ui/format';
import { vi } from '../../ui/messages.vi';
import { useServices } from '../../ui/services';
import { PaymentMethodFormView } from './payment-method-form';
import { usePerson } from './use-person';

/** A person's page: identity, allowance, representative, method, readiness, history, pending changes. */
export function PersonPage() {
  const id = decodeURIComponent(useParams()['id'] ?? '');
  const view = usePerson(id);
  const { clock } = useServices();
  if (view === undefined) return null;
  if (view === null) return <p className="empty">{vi.person.notFound}</p>;
  const { person, lines, idChecks, pending } = view;
  const now = clock.now();
  const amount = monthlyAmount(person, vietnamMonth(now));
  const readiness = classifyReadiness({
    beneficiary: person,
    paymentMethod: person.paymentMethod,
    walletPhone: person.paymentDetails?.walletPhone ?? null,
    representative: person.representative,
    today: vietnamDate(now),
  });
  const rep = person.representative;

  return (
    <section className="person">
      <p>
        <Link to="/">← {vi.nav.roster}</Link>
      </p>
      <h1>{person.fullName}</h1>
      <p>
        <Link to={`/kiem-tra/${encodeURIComponent(person.id)}`} className="button">
          {vi.idCheck.title}
        </Link>
      </p>
      {pending.length > 0 && (
        <p className="pending" data-testid="person-pending">
          {vi.person.pending(pending.length)}
        </p>
      )}
      <div className="card">
        <dl className="facts">
          <dt>{vi.person.birthDate}</dt>
          <dd>{formatBirthDate(person.birthDate)}</dd>
          <dt>{vi.person.gender}</dt>
          <dd>{vi.genders[person.gender]}</dd>
          <dt>{vi.person.idNumber}</dt>
          <dd>{person.idNumber ?? '—'}</dd>
          <dt>{vi.person.oldIdNumber}</dt>
          <dd>{person.oldIdNumber ?? '—'}</dd>
          <dt>{vi.person.phone}</dt>
          <dd>{person.phone ?? '—'}</dd>
          <dt>{vi.person.address}</dt>
          <dd>{person.address}</dd>
          <dt>{vi.person.category}</dt>
          <dd>{categoryLabelVi(person.category)}</dd>
          <dt>{vi.person.monthly}</dt>
          <dd>
            {amount.ok
              ? `${formatVnd(amount.value.amount)} (hệ số ${amount.value.coefficient.toLocaleString('vi-VN')})`
              : '—'}
          </dd>
          <dt>{vi.person.status}</dt>
          <dd>{vi.statuses[person.status]}</dd>
          <dt>{vi.person.representative}</dt>
          <dd>
            {rep
              ? `${vi.representativeKinds[rep.kind]}: ${rep.fullName} (${rep.relationship}), CCCD ${rep.idNumber ?? '—'}${rep.validUntil ? `, hiệu lực đến ${formatBirthDate(rep.validUntil)}` : ''}`
              : '—'}
          </dd>
          <dt>{vi.person.method}</dt>
          <dd data-testid="person-method">
            {person.paymentMethod ? vi.methods[person.paymentMethod] : vi.roster.noMethod}
          </dd>
        </dl>
      </div>
      <div className="card">
        <h2>{vi.person.readiness}</h2>
        <p>
          <strong>{readinessStatusLabelsVi[readiness.status]}</strong>
        </p>
        <ul>
          {readiness.reasons.map((r) => (
            <li key={`${r.code}-${r.person}`}>{readinessReasonMessagesVi[r.code]}</li>
          ))}
        </ul>
      </div>
      <PaymentMethodFormView person={person} />
      <div className="card">
        <h2>{vi.person.history}</h2>
        <ul className="plain">
          {lines.map((l) => (
            <li key={l.id}>
              {vi.person.period(l.periodId)}: {formatVnd(l.amount)} · {vi.lineStatuses[l.status]}
            </li>
          ))}
          {idChecks.map((c) => (
            <li key={c.id}>
              {vi.person.idCheck}: {vi.idCheckOutcomes[c['overall'] as ComparisonOutcome] ?? ''}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
