import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatVnd } from '../../domain/money';
import { closingOf } from '../../protocol/month-close';
import { birthYear } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { usePaymentList } from './use-payment-list';

/**
 * A month's payment list for the payer's communes (the month being paid unless one is chosen in
 * `?thang=`), open lines first, filterable by village.
 */
export function PaymentsPage() {
  const [params, setParams] = useSearchParams();
  const list = usePaymentList(params.get('thang'));
  const [village, setVillage] = useState('');
  const villages = useMemo(
    () =>
      [...new Set(list?.items.map((i) => i.person?.village ?? '') ?? [])]
        .filter(Boolean)
        .sort((a, b) => a.localeCompare(b, 'vi', { numeric: true })),
    [list],
  );
  const items = list?.items.filter((i) => !village || i.person?.village === village) ?? [];
  const open = items.filter((i) => i.line.status === 'due' || i.line.status === 'unpaid').length;

  return (
    <section className="payments">
      <h1>{t.payments.title(list?.periodId ?? '')}</h1>
      <GuideLink guide="pay" />
      <div className="toolbar">
        {list && list.months.length > 1 && (
          <>
            <label htmlFor="month-filter">{t.payments.month}</label>
            <select
              id="month-filter"
              value={list.periodId ?? ''}
              onChange={(e) => setParams(e.target.value ? { thang: e.target.value } : {})}
            >
              {list.months.map((m) => (
                <option key={m} value={m}>
                  {m.split('-').reverse().join('/')}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="village-filter">{t.payments.village}</label>
        <select id="village-filter" value={village} onChange={(e) => setVillage(e.target.value)}>
          <option value="">{t.payments.allVillages}</option>
          {villages.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <Link to={list?.periodId ? `/chi-tra/in?thang=${list.periodId}` : '/chi-tra/in'} className="button">
          {t.printList.open}
        </Link>
        <span className="muted" data-testid="payments-open">
          {t.payments.openCount(open, items.length)}
        </span>
      </div>
      <ul className="plain pay-list">
        {items.map(({ line, person }) => (
          <li key={line.id}>
            <Link to={`/chi-tra/${encodeURIComponent(line.id)}`} className={`pay-item status-${line.status}`}>
              <span className="pay-name">{person?.fullName ?? t.payments.unknownPerson}</span>
              <span className="muted">
                {person ? `${t.roster.born} ${birthYear(person.birthDate)} · ${person.village}` : ''}
              </span>
              <span className="pay-amount">{formatVnd(line.amount)}</span>
              <span className={`badge line-${line.status}`}>
                {closingOf(line) ? t.pay.closed : t.lineStatuses[line.status]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
