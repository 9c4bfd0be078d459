/**
 * A communication day's registration table (issue 17): find who came (by name, ID number or a
 * scanned card) and queue them; serve the next; see the day's counts by method and readiness.
 * Everything is on the device: the table works without a connection, and the ops sync later.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CccdCard } from '../../domain/citizen-id';
import { dayCounts, queueOrder } from '../../domain/outreach-day';
import { readinessStatuses } from '../../domain/readiness';
import { paymentMethods } from '../../domain/vocabulary';
import type { BeneficiaryRow } from '../../storage/app-db';
import { readPeople } from '../../storage/roster-pages';
import { findByIdNumbers, searchRoster } from '../../storage/roster-queries';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useMyCommunes } from '../../ui/use-my-communes';
import { ScanCard } from './scan-card';
import { useOutreachDay } from './use-outreach-day';

/** The commune the table serves: `?xa=` when one of the user's, else their first. */
function useTableCommune(): [string | null, (code: string) => void, { code: string; name: string }[] | undefined] {
  const communes = useMyCommunes();
  const [params, setParams] = useSearchParams();
  const asked = params.get('xa');
  const code = communes?.find((c) => c.code === asked)?.code ?? communes?.[0]?.code ?? null;
  return [code, (next) => setParams({ xa: next }, { replace: true }), communes];
}

export function OutreachDayPage() {
  const [communeCode, setCommune, communes] = useTableCommune();
  const outreach = useOutreachDay(communeCode);
  const navigate = useNavigate();
  const { db } = useServices();
  const [query, setQuery] = useState('');
  const [notOnRoster, setNotOnRoster] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const findBox = useRef<HTMLInputElement>(null);
  const found = useLiveQuery(
    async () =>
      query.trim().length < 2 || communeCode === null
        ? null
        : (await searchRoster(db, query, 8, (row) => row.communeCode === communeCode)).rows,
    [db, query, communeCode],
  );
  const entries = outreach.queue?.entries;
  const people = useLiveQuery(async () => {
    const ids = entries?.map((e) => e.beneficiaryId) ?? [];
    const rows = await readPeople(db, ids);
    return new Map(rows.filter((r): r is BeneficiaryRow => r !== undefined).map((r) => [r.id, r]));
  }, [db, entries]);
  if (communes === undefined || outreach.queue === undefined) return null;

  async function serve(id: string) {
    await outreach.add(id);
    await navigate(`/ngay-truyen-thong/${encodeURIComponent(id)}`);
  }

  async function queue(row: BeneficiaryRow) {
    await outreach.add(row.id);
    setQuery('');
    setAdded(row.fullName);
    // The result pressed goes away with the query: the search box takes the focus for the next one.
    findBox.current?.focus();
  }

  async function onCard(card: CccdCard) {
    const numbers = [card.idNumber, card.oldIdNumber ?? ''];
    const matches = (await findByIdNumbers(db, numbers)).filter((row) => row.communeCode === communeCode);
    const person = matches[0];
    if (!person) {
      setNotOnRoster(card.fullName);
      return;
    }
    setNotOnRoster(null);
    await queue(person);
  }

  const counts = dayCounts(entries ?? []);
  const ordered = queueOrder(entries ?? []);
  const [dd, mm, yyyy] = [outreach.day.slice(8), outreach.day.slice(5, 7), outreach.day.slice(0, 4)];

  return (
    <section className="outreach">
      <h1>{t.outreach.title(`${dd}/${mm}/${yyyy}`)}</h1>
      <GuideLink guide="outreach" />
      <p className="muted">{t.outreach.intro}</p>
      {communes.length > 1 && (
        <div className="field">
          <label htmlFor="outreach-commune">{t.outreach.commune}</label>
          <select id="outreach-commune" value={communeCode ?? ''} onChange={(e) => setCommune(e.target.value)}>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="card">
        <div className="field">
          <label htmlFor="outreach-find">{t.outreach.find}</label>
          <input
            id="outreach-find"
            ref={findBox}
            type="search"
            autoComplete="off"
            value={query}
            aria-describedby="outreach-find-hint"
            onChange={(e) => {
              setQuery(e.target.value);
              setAdded(null);
            }}
          />
          <p className="muted field-hint" id="outreach-find-hint">
            {t.outreach.findHint}
          </p>
        </div>
        {found && found.length === 0 && <p className="muted">{t.outreach.noneFound}</p>}
        {found && found.length > 0 && (
          <ul className="plain outreach-found">
            {found.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  onClick={() => void queue(row)}
                  aria-label={t.outreach.add(row.fullName, formatBirthDate(row.birthDate), row.village)}
                >
                  <strong>{row.fullName}</strong>{' '}
                  <span className="muted">
                    {formatBirthDate(row.birthDate)} · {row.village}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <ScanCard
          onCard={(card) => void onCard(card)}
          labels={{ open: t.outreach.scanToQueue, close: t.outreach.closeScan, done: t.outreach.cardRead }}
        />
        {added !== null && <p role="status">{t.outreach.added(added)}</p>}
        {notOnRoster !== null && (
          <p className="error" role="alert">
            {t.outreach.cardNotOnRoster(notOnRoster)}
          </p>
        )}
      </div>

      <h2>{t.outreach.queue}</h2>
      {ordered.length === 0 && <p className="muted">{t.outreach.queueEmpty}</p>}
      <ul className="plain outreach-queue" data-testid="outreach-queue">
        {ordered.map((entry) => {
          const person = people?.get(entry.beneficiaryId);
          const name = person?.fullName ?? entry.beneficiaryId;
          return (
            <li key={entry.beneficiaryId} className="card outreach-entry">
              <strong>{name}</strong>{' '}
              {entry.done ? (
                <>
                  <span className="badge">{t.outreach.done}</span>{' '}
                  <span className="muted">
                    {t.methods[entry.done.method]} · {t.readiness.statuses[entry.done.readiness]}
                  </span>{' '}
                  <Link to={`/ngay-truyen-thong/phieu/${encodeURIComponent(entry.beneficiaryId)}`}>
                    {t.outreach.slip(name)}
                  </Link>
                </>
              ) : (
                <>
                  <span className="badge">{t.outreach.waiting}</span>{' '}
                  <button type="button" className="primary" onClick={() => void serve(entry.beneficiaryId)}>
                    {t.outreach.serve(name)}
                  </button>{' '}
                  <button type="button" onClick={() => void outreach.remove(entry.beneficiaryId)}>
                    {t.outreach.remove(name)}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>

      <div className="card" data-testid="outreach-counts">
        <h2>{t.outreach.counts}</h2>
        <p>
          {t.outreach.registered(counts.registered)} · {t.outreach.waitingCount(counts.waiting)}
        </p>
        <div className="outreach-tallies">
          <table>
            <caption>{t.outreach.byMethod}</caption>
            <tbody>
              {paymentMethods.map((m) => (
                <tr key={m}>
                  <th scope="row">{t.methods[m]}</th>
                  <td data-testid={`count-method-${m}`}>{counts.byMethod[m]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t.outreach.byReadiness}</caption>
            <tbody>
              {readinessStatuses.map((s) => (
                <tr key={s}>
                  <th scope="row">{t.readiness.statuses[s]}</th>
                  <td data-testid={`count-readiness-${s}`}>{counts.byReadiness[s]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <Link to={`/ngay-truyen-thong/in?xa=${communeCode ?? ''}`}>{t.outreach.printReport}</Link>
        </p>
      </div>
    </section>
  );
}
