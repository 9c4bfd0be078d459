import { useState } from 'react';
import { Link } from 'react-router';
import { readinessStatuses, type ReadinessStatus } from '../../domain/readiness';
import { readinessReasonMessagesVi, readinessStatusLabelsVi } from '../../domain/readiness.vi';
import { accountStatuses } from '../../protocol/entities';
import { recordOp } from '../../storage/outbox';
import { downloadFile } from '../../ui/download';
import { vi } from '../../ui/messages.vi';
import { useServices } from '../../ui/services';
import { useOpContext } from '../../ui/use-op-context';
import { dossierCsv } from './dossier-csv';
import { useReadinessReview, type ReadinessItem } from './use-readiness';

type AccountStatus = (typeof accountStatuses)[number];

/** Seed steps 3–4: who is ready to open an account, what is missing, and the dossier list. */
export function ReadinessPage() {
  const items = useReadinessReview();
  const [status, setStatus] = useState<ReadinessStatus>('ready');
  const { db, engine } = useServices();
  const ctx = useOpContext();
  if (!items) return null;
  const counts = Object.fromEntries(
    readinessStatuses.map((s) => [s, items.filter((i) => i.readiness.status === s).length]),
  );
  const shown = items.filter((i) => i.readiness.status === status);
  const dossier = items.filter(
    (i) =>
      i.readiness.status === 'ready' &&
      (i.person.paymentMethod === 'bank' || i.person.paymentMethod === 'mobile-money'),
  );

  function download() {
    const csv = dossierCsv(
      dossier.map((i) => i.person),
      {
        method: (m) => vi.methods[m as keyof typeof vi.methods] ?? m,
        gender: (g) => vi.genders[g as keyof typeof vi.genders] ?? g,
        accountStatus: (s) => vi.accountStatuses[s as AccountStatus] ?? s,
      },
    );
    downloadFile('ho-so-mo-tai-khoan.csv', csv, 'text/csv;charset=utf-8');
  }

  async function track(item: ReadinessItem, next: AccountStatus) {
    if (!ctx) return;
    await recordOp(db, ctx, {
      type: 'beneficiary.set-account-status',
      entityId: item.person.id,
      payload: { status: next },
      baseVersion: item.person.version,
    });
    engine.notifyNewOp();
  }

  return (
    <section className="readiness">
      <h1>{vi.readiness.title}</h1>
      <div className="toolbar" role="tablist" aria-label={vi.readiness.title}>
        {readinessStatuses.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={status === s}
            className={status === s ? 'primary' : ''}
            onClick={() => setStatus(s)}
          >
            {readinessStatusLabelsVi[s]} ({counts[s]})
          </button>
        ))}
      </div>
      <ul className="plain">
        {shown.slice(0, 300).map((item) => (
          <li key={item.person.id} className="card readiness-item">
            <Link to={`/nguoi/${encodeURIComponent(item.person.id)}`}>
              <strong>{item.person.fullName}</strong>
            </Link>
            <span className="muted">
              {item.person.village} ·{' '}
              {item.person.paymentMethod ? vi.methods[item.person.paymentMethod] : vi.roster.noMethod}
            </span>
            <ul>
              {item.readiness.reasons.map((r) => (
                <li key={`${r.code}-${r.person}`}>{readinessReasonMessagesVi[r.code]}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {shown.length > 300 && <p className="muted">{vi.readiness.more(shown.length - 300)}</p>}
      <div className="card">
        <h2>{vi.readiness.dossierTitle}</h2>
        <p>{vi.readiness.dossierIntro(dossier.length)}</p>
        <p className="no-print">
          <button type="button" onClick={download} disabled={dossier.length === 0}>
            {vi.readiness.downloadCsv}
          </button>{' '}
          <button type="button" onClick={() => window.print()}>
            {vi.readiness.print}
          </button>
        </p>
        <table className="dossier">
          <thead>
            <tr>
              <th>{vi.printList.cols.no}</th>
              <th>{vi.printList.cols.name}</th>
              <th>{vi.readiness.provider}</th>
              <th>{vi.readiness.progress}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.map((item, i) => (
              <tr key={item.person.id}>
                <td>{i + 1}</td>
                <td>{item.person.fullName}</td>
                <td>{item.person.paymentDetails?.bankName ?? item.person.paymentDetails?.provider ?? ''}</td>
                <td>
                  <select
                    aria-label={`${vi.readiness.progress}: ${item.person.fullName}`}
                    value={item.person.accountStatus}
                    onChange={(e) => void track(item, e.target.value as AccountStatus)}
                  >
                    {accountStatuses.map((s) => (
                      <option key={s} value={s}>
                        {vi.accountStatuses[s]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
