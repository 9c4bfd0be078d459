import { useState } from 'react';
import { Link } from 'react-router';
import { readinessStatuses, type ReadinessStatus } from '../../domain/readiness';
import { accountStatuses, type AccountStatus } from '../../domain/vocabulary';
import { downloadFile } from '../../ui/download';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { recordErrorMessage } from '../../ui/record-error';
import { useCan } from '../../ui/use-can';
import { useRecordOp } from '../../ui/use-record-op';
import { useMyCommunes } from '../../ui/use-my-communes';
import { dossierCsv } from './dossier-csv';
import { IdCardFollowUp } from './id-card-follow-up';
import { useReadinessReview, type ReadinessItem } from './use-readiness';

/** Seed steps 3–4: who is ready to open an account, what is missing, and the dossier list. */
export function ReadinessPage() {
  const items = useReadinessReview();
  const [status, setStatus] = useState<ReadinessStatus>('ready');
  const { record } = useRecordOp();
  const can = useCan();
  const [failure, setFailure] = useState<string | null>(null);
  const communes = useMyCommunes();
  if (!items) return null;
  const communeName = (code: string) => communes?.find((c) => c.code === code)?.name ?? code;
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
    const recorded = await record(
      'beneficiary.set-account-status',
      item.person.id,
      { status: next },
      {
        baseVersion: item.person.version,
      },
    );
    setFailure(recorded.ok ? null : recordErrorMessage(recorded.error));
  }

  return (
    <section className="readiness">
      <h1>{t.readiness.title}</h1>
      <GuideLink guide="readiness" />
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
      {status === 'needs-new-id-card' && (
        <div className="card">
          <h2>{t.outreach.followTitle}</h2>
          <p>{t.outreach.followIntro}</p>
        </div>
      )}
      {(status === 'needs-new-id-card' || status === 'missing-papers') && shown.length > 0 && (
        <p className="no-print">
          <button type="button" onClick={() => window.print()}>
            {t.outreach.printFollowUp}
          </button>
        </p>
      )}
      <ul className="plain" data-testid="readiness-list">
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
            {status === 'needs-new-id-card' && can('beneficiary.update', item.person.communeCode) && (
              <IdCardFollowUp item={item} policePlace={t.outreach.placeDefault(communeName(item.person.communeCode))} />
            )}
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
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
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
                  {can('beneficiary.set-account-status', item.person.communeCode) ? (
                    <select
                      aria-label={`${t.readiness.progress}: ${item.person.fullName}`}
                      value={item.person.accountStatus}
                      onChange={(e) => void track(item, e.target.value as AccountStatus)}
                    >
                      {accountStatuses.map((s) => (
                        // The card hand-over is recorded on the person's page, with its date,
                        // receiver, signature and safety guidance: never by this select.
                        <option
                          key={s}
                          value={s}
                          disabled={s === 'card-handed-over' && item.person.accountStatus !== s}
                        >
                          {t.accountStatuses[s]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t.accountStatuses[item.person.accountStatus]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
