/**
 * Opened accounts (issue 12; docs/protocol.md "Opened accounts"), online, for supervisors: choose
 * the commune and the provider, upload the provider's list of the accounts it opened, review how
 * each row matched the commune's people (counts per outcome, the name in the file beside the
 * roster's), confirm the rows whose name differs but are the person, and record them once.
 */
import { useState, type FormEvent } from 'react';
import { openedAccountOutcomes } from '../../domain/opened-accounts';
import type { OpenedAccountRowView, OpenedAccountsReview } from '../../protocol/opened-accounts';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useCan } from '../../ui/use-can';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useOnline } from '../../ui/use-online';
import {
  defaultOpenedAccountsCalls,
  useOpenedAccountsReview,
  useProviderChoices,
  type OpenedAccountsCalls,
} from './use-opened-accounts';

export function OpenedAccountsPage({ calls = defaultOpenedAccountsCalls }: { calls?: OpenedAccountsCalls }) {
  const m = t.openedAccounts;
  const can = useCan();
  const communes = useMyCommunes();
  const online = useOnline();
  const [commune, setCommune] = useState('');
  const [providerId, setProviderId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [providers, retryProviders] = useProviderChoices();
  const review = useOpenedAccountsReview(calls);
  if (communes === undefined || !can.isKnown) return null;
  const chosen = commune || communes.find((c) => can('batches.prepare', c.code))?.code || '';
  const usable = providers.state === 'ready' ? providers.providers : [];
  const provider = providerId || usable[0]?.id || '';
  const { current } = review;
  const busy = current.step === 'reading' || current.step === 'applying';

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!file || provider === '' || chosen === '') return;
    runAsync(
      () => review.read({ providerId: provider, commune: chosen, file, fileName: file.name }),
      () => undefined,
    );
  };

  return (
    <section className="opened-accounts">
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      {!online && (
        <p className="warning" role="status">
          {m.online}
        </p>
      )}
      {chosen === '' || !can('batches.prepare', chosen) ? (
        <p className="empty">{m.notAllowed}</p>
      ) : (
        <form className="card" onSubmit={send}>
          <div className="toolbar">
            <label>
              {m.commune}
              <select
                value={chosen}
                disabled={busy}
                onChange={(e) => {
                  setCommune(e.target.value);
                  review.reset();
                }}
              >
                {communes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            {providers.state === 'ready' && usable.length > 0 && (
              <label>
                {m.provider}
                <select
                  value={provider}
                  disabled={busy}
                  onChange={(e) => {
                    setProviderId(e.target.value);
                    review.reset();
                  }}
                >
                  {usable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {providers.state === 'loading' && <p className="muted">{m.loadingProviders}</p>}
          {providers.state === 'failed' && (
            <p className="error" role="alert">
              {m.loadFailed} {errorMessage(providers.code)}{' '}
              <button type="button" onClick={retryProviders}>
                {m.retry}
              </button>
            </p>
          )}
          {providers.state === 'ready' && usable.length === 0 && <p className="empty">{m.noProviders}</p>}
          <label>
            {m.file}
            <input
              type="file"
              accept=".xlsx,.xls,.csv,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={busy}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                review.reset();
              }}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || file === null || provider === ''}>
            {m.read}
          </button>
          {current.step === 'reading' && (
            <p className="muted" role="status">
              {m.reading}
            </p>
          )}
        </form>
      )}
      {review.failure !== null && (
        <p className="error" role="alert">
          {review.failure === 'result-mapping-needed' ? m.headerNotFound : errorMessage(review.failure)}
        </p>
      )}
      {(current.step === 'review' || current.step === 'applying' || current.step === 'applied') && (
        <ReviewView
          review={current.review}
          accepted={review.accepted}
          step={current.step}
          onToggle={review.toggle}
          onApply={() => runAsync(review.apply, () => undefined)}
        />
      )}
    </section>
  );
}

function ReviewView(props: {
  review: OpenedAccountsReview;
  accepted: ReadonlySet<number>;
  step: 'review' | 'applying' | 'applied';
  onToggle: (row: number, accept: boolean) => void;
  onApply: () => void;
}) {
  const { review, accepted, step } = props;
  const m = t.openedAccounts;
  const toApply =
    review.counts.match + review.rows.filter((r) => r.outcome === 'name-differs' && accepted.has(r.row)).length;
  return (
    <section className="card" data-testid="opened-accounts-review">
      <h2>{m.counts}</h2>
      <p className="muted">{m.summary(review.fileName, review.headerRow)}</p>
      <ul className="plain" data-testid="opened-accounts-counts">
        {openedAccountOutcomes
          .filter((o) => review.counts[o] > 0)
          .map((o) => (
            <li key={o}>
              {m.outcomes[o]}: {review.counts[o]}
            </li>
          ))}
      </ul>
      <table data-testid="opened-accounts-rows">
        <thead>
          <tr>
            <th>{m.cols.row}</th>
            <th>{m.cols.nameInFile}</th>
            <th>{m.cols.nameInRoster}</th>
            <th>{m.cols.idNumber}</th>
            <th>{m.cols.account}</th>
            <th>{m.cols.current}</th>
            <th>{m.cols.outcome}</th>
            <th>{m.cols.accept}</th>
          </tr>
        </thead>
        <tbody>
          {review.rows.map((r) => (
            <RowView key={r.row} row={r} step={step} accepted={accepted.has(r.row)} onToggle={props.onToggle} />
          ))}
        </tbody>
      </table>
      {step === 'applied' ? (
        <p className="notice" role="status">
          {m.applied(review.applied)}
        </p>
      ) : (
        <>
          <p>{m.willApply(toApply)}</p>
          <button
            type="button"
            className="primary"
            disabled={step === 'applying' || toApply === 0}
            onClick={props.onApply}
          >
            {step === 'applying' ? m.applying : m.apply}
          </button>
        </>
      )}
    </section>
  );
}

function RowView(props: {
  row: OpenedAccountRowView;
  step: 'review' | 'applying' | 'applied';
  accepted: boolean;
  onToggle: (row: number, accept: boolean) => void;
}) {
  const { row: r, step } = props;
  const m = t.openedAccounts;
  const current = r.person && [r.person.bankName, r.person.account].filter((v) => v !== null).join(' ');
  return (
    <tr data-outcome={r.outcome}>
      <td>{r.row}</td>
      <td>{r.fullName}</td>
      <td>{r.person?.fullName ?? m.none}</td>
      <td>{r.idNumber}</td>
      <td>{r.accountNumber}</td>
      <td>{current || m.none}</td>
      <td>
        <strong>{r.applied ? m.appliedMark : m.outcomes[r.outcome]}</strong> {m.outcomeMessages[r.outcome]}
      </td>
      <td>
        {r.outcome === 'name-differs' && (
          <input
            type="checkbox"
            aria-label={m.acceptLabel(r.row, r.fullName)}
            checked={props.accepted || r.applied}
            disabled={step !== 'review'}
            onChange={(e) => props.onToggle(r.row, e.target.checked)}
          />
        )}
      </td>
    </tr>
  );
}
