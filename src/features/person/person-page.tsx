import { Link, useLocation, useParams } from 'react-router';
import { monthlyAmount } from '../../domain/benefits';
import { categoryAgeIssue } from '../../domain/category-age';
import type { ComparisonOutcome } from '../../domain/citizen-id-compare';
import { formatVnd } from '../../domain/money';
import type { IdCheckSkipReason } from '../../domain/vocabulary';
import { classifyReadiness } from '../../domain/readiness';
import { vietnamDate, vietnamMonth } from '../../lib/clock';
import { formatBirthDate, formatDateTime } from '../../ui/format';
import { ImportedBy, ImportedFacts } from '../../ui/imported-by';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { CardHandoverSection } from './card-handover-form';
import { IdentityFormView } from './identity-form';
import { PaymentMethodFormView } from './payment-method-form';
import { RepresentativeFormView } from './representative-form';
import { statusLine, StatusFormView } from './status-form';
import { TransferFailure } from './transfer-failure';
import { usePerson } from './use-person';
import { PersonPoint } from './person-point';

/** A person's page: identity, allowance, representative, method, readiness, history, pending changes. */
export function PersonPage() {
  const id = decodeURIComponent(useParams()['id'] ?? '');
  const view = usePerson(id);
  const { clock } = useServices();
  const can = useCan();
  // Set by the enrolment page when it comes here right after saving.
  const justEnrolled = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  // Wait for the session too: the forms a role may use appear with the page, not after it.
  if (view === undefined || !can.isKnown) return null;
  if (view === null) return <p className="empty">{t.person.notFound}</p>;
  const { person, lines, idChecks, pending } = view;
  const now = clock.now();
  const amount = monthlyAmount(person, vietnamMonth(now));
  const ageIssue = categoryAgeIssue(person.category, person.birthDate, vietnamMonth(now));
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
        <Link to="/">← {t.nav.roster}</Link>
      </p>
      <h1>{person.fullName}</h1>
      <GuideLink guide="method" />
      <p>
        <Link to={`/kiem-tra/${encodeURIComponent(person.id)}`} className="button">
          {t.idCheck.title}
        </Link>
      </p>
      {pending.length > 0 && (
        <p className="pending" data-testid="person-pending">
          {t.person.pending(pending.length)}
        </p>
      )}
      {justEnrolled && <p role="status">{t.enrol.saved}</p>}
      <TransferFailure lines={lines} />
      <div className="card">
        <dl className="facts">
          <dt>{t.person.birthDate}</dt>
          <dd>{formatBirthDate(person.birthDate)}</dd>
          <dt>{t.person.gender}</dt>
          <dd>{t.genders[person.gender]}</dd>
          <dt>{t.person.idNumber}</dt>
          <dd>{person.idNumber ?? '—'}</dd>
          <dt>{t.person.oldIdNumber}</dt>
          <dd>{person.oldIdNumber ?? '—'}</dd>
          <dt>{t.person.phone}</dt>
          <dd>{person.phone ?? '—'}</dd>
          <dt>{t.person.address}</dt>
          <dd>{person.address}</dd>
          <PersonPoint communeCode={person.communeCode} village={person.village} />
          <dt>{t.person.category}</dt>
          <dd>
            {t.categoryNames[person.category]}
            {ageIssue && (
              <span className="warning" data-testid="category-age-warning">
                {' '}
                {t.enrol.ageOutsideCategory(ageIssue.age, ageIssue.range.from, ageIssue.range.below)}
              </span>
            )}
          </dd>
          <dt>{t.person.monthly}</dt>
          <dd>
            {amount.ok
              ? `${formatVnd(amount.value.amount)} (${t.person.coefficient(amount.value.coefficient.toLocaleString('vi-VN'))})`
              : '—'}
          </dd>
          <dt>{t.person.status}</dt>
          <dd data-testid="person-status">{statusLine(person)}</dd>
          <dt>{t.person.representative}</dt>
          <dd>
            {rep
              ? `${t.representativeKinds[rep.kind]}: ${rep.fullName} (${rep.relationship}), ${t.person.idShort} ${rep.idNumber ?? '—'}`
              : '—'}
          </dd>
          <dt>{t.person.documents}</dt>
          <dd data-testid="person-documents">
            {rep?.paperRef
              ? `${t.person.paperOf(t.person.paperKinds[rep.kind], rep.paperRef)}${rep.validUntil ? `, ${t.person.validUntil(formatBirthDate(rep.validUntil))}` : ''}`
              : t.person.noDocuments}
          </dd>
          <dt>{t.person.method}</dt>
          <dd data-testid="person-method">
            {person.paymentMethod ? t.methods[person.paymentMethod] : t.roster.noMethod}
          </dd>
        </dl>
      </div>
      <div className="card">
        <h2>{t.person.readiness}</h2>
        <p>
          <strong>{t.readiness.statuses[readiness.status]}</strong>
        </p>
        <ul>
          {readiness.reasons.map((r) => (
            <li key={`${r.code}-${r.person}`}>{t.readiness.reasons[r.code]}</li>
          ))}
        </ul>
      </div>
      <CardHandoverSection person={person} canRecord={can('beneficiary.set-account-status', person.communeCode)} />
      {can('beneficiary.update', person.communeCode) && <IdentityFormView person={person} />}
      {can('beneficiary.update', person.communeCode) && <RepresentativeFormView person={person} />}
      {can('beneficiary.set-payment-method', person.communeCode) && <PaymentMethodFormView person={person} />}
      {can('beneficiary.set-status', person.communeCode) && <StatusFormView person={person} />}
      <div className="card">
        <h2>{t.person.history}</h2>
        <ul className="plain">
          {lines.map((l) => (
            <li key={l.id}>
              {t.person.period(l.periodId)}: {formatVnd(l.amount)} · {t.lineStatuses[l.status]}
              <ImportedFacts line={l} />
            </li>
          ))}
          {idChecks.map((c) => (
            <li key={c.id}>
              {t.person.idCheck}
              {typeof c['recordedAt'] === 'string' ? ` ${formatDateTime(Date.parse(c['recordedAt']))}` : ''}:{' '}
              {c['method'] === 'not-possible'
                ? t.pay.skipped(t.pay.skipReasons[c['reason'] as IdCheckSkipReason] ?? '')
                : (t.idCheckOutcomes[c['overall'] as ComparisonOutcome] ?? '')}
              <ImportedBy by={c['importedBy']} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
