import { useState } from 'react';
import { Link } from 'react-router';
import { readinessStatuses, type ReadinessStatus } from '../../domain/readiness';
import { accountStatuses } from '../../protocol/entities';
import { recordOp } from '../../storage/outbox';
import { downloadFile } from '../../ui/download';
import { t } from '../../ui/messages';
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
        headers: t.readiness.csvColumns,
        method: (m) => t.methods[m as keyof typeof t.methods] ?? m,
        gender: (g) => t.genders[g as keyof typeof t.genders] ?? g,
        accountStatus: (s) => t.accountStatuses[s as AccountStatus] ?? s,
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
      <h1>{t.readiness.title}</h1>
      <div className="toolbar" role="tablist" aria-label={t.readiness.title}>
        {readinessStatuses.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={status === s}
            className={status === s ? 'primary' : ''}
            onClick={() => setStatus(s)}
          >
            {t.readiness.statuses[s]} ({counts[s]})
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
              {item.person.paymentMethod ? t.methods[item.person.paymentMethod] : t.roster.noMethod}
            </span>
            <ul>
              {item.readiness.reasons.map((r) => (
                <li key={`${r.code}-${r.person}`}>{t.readiness.reasons[r.code]}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {shown.length > 300 && <p className="muted">{t.readiness.more(shown.length - 300)}</p>}
      <div className="card">
        <h2>{t.readiness.dossierTitle}</h2>
        <p>{t.readiness.dossierIntro(dossier.length)}</p>
        <p className="no-print">
          <button type="button" onClick={download} disabled={dossier.length === 0}>
            {t.readiness.downloadCsv}
          </button>{' '}
          <button type="button" onClick={() => window.print()}>
            {t.readiness.print}
          </button>
        </p>
        <table className="dossier">
          <thead>
            <tr>
              <th>{t.printList.cols.no}</th>
              <th>{t.printList.cols.name}</th>
              <th>{t.readiness.provider}</th>
              <th>{t.readiness.progress}</th>
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
                    aria-label={`${t.readiness.progress}: ${item.person.fullName}`}
                    value={item.person.accountStatus}
                    onChange={(e) => void track(item, e.target.value as AccountStatus)}
                  >
                    {accountStatuses.map((s) => (
                      <option key={s} value={s}>
                        {t.accountStatuses[s]}
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
