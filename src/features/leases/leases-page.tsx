/**
 * The offline lease (admins; issue 13, docs/protocol.md "Offline lease"), online: every commune
 * with how many days its tablets may work without reaching the server, who set it and when, and
 * a field and a save per commune.
 */
import { useId, useState } from 'react';
import { leaseDaysSchema, type CommuneLease } from '../../protocol/leases';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';
import { useOnline } from '../../ui/use-online';
import { useRemote } from '../../ui/use-remote';
import { useSession } from '../../ui/use-session';

/** Whole days from 1 to 90 as typed, or null: checked here so the admin hears why before anything is sent. */
export function parseLeaseDays(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/u.test(trimmed)) return null;
  const days = leaseDaysSchema.safeParse(Number(trimmed));
  return days.success ? days.data : null;
}

export function LeasesPage() {
  const m = t.leases;
  const { transport } = useServices();
  const online = useOnline();
  const token = useSession()?.token;
  const [leases, reload] = useRemote((token) => transport.listLeases(token), 'leases');
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="leases">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {leases.state === 'ready' && <p className="muted">{m.defaultIs(leases.value.defaultDays)}</p>}
      {!online && (
        <p className="warning" role="status">
          {m.online}
        </p>
      )}
      {leases.state === 'loading' && <p className="muted">{m.loading}</p>}
      {leases.state === 'failed' && (
        <p className="error" role="alert">
          {errorMessage(leases.code)}{' '}
          <button type="button" onClick={reload}>
            {m.retry}
          </button>
        </p>
      )}
      {leases.state === 'ready' && leases.value.leases.length === 0 && <p className="empty">{m.none}</p>}
      {leases.state === 'ready' && leases.value.leases.length > 0 && token && (
        <table className="leases-table" data-testid="leases">
          <thead>
            <tr>
              <th scope="col">{m.cols.commune}</th>
              <th scope="col">{m.cols.days}</th>
              <th scope="col">{m.cols.setBy}</th>
              <th scope="col">
                <span className="visually-hidden">{m.cols.save}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {leases.value.leases.map((lease) => (
              <LeaseRow
                key={lease.commune}
                lease={lease}
                token={token}
                onSaved={(days) => {
                  setNotice(m.saved(lease.communeName, days));
                  reload();
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}

function LeaseRow(props: { lease: CommuneLease; token: string; onSaved: (days: number) => void }) {
  const { lease, token, onSaved } = props;
  const m = t.leases;
  const { transport } = useServices();
  const errorId = useId();
  const [draft, setDraft] = useState(String(lease.days));
  const [shown, setShown] = useState(lease.days);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A reload with other days (saved here or by another admin) shows them; the row keeps its focus.
  if (shown !== lease.days) {
    setShown(lease.days);
    setDraft(String(lease.days));
  }

  const save = () => {
    const days = parseLeaseDays(draft);
    if (days === null) {
      setError(m.invalid);
      return;
    }
    if (busy) return;
    setBusy(true);
    setError(null);
    runAsync(
      async () => {
        const saved = await transport.setLease(token, lease.commune, days);
        setBusy(false);
        onSaved(saved.days);
      },
      (e) => {
        setBusy(false);
        setError(errorMessage((e as { code?: string }).code ?? 'unexpected'));
      },
    );
  };

  return (
    <tr data-commune={lease.commune}>
      <th scope="row">
        {lease.communeName} <span className="muted">({lease.commune})</span>
      </th>
      <td>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          step={1}
          value={draft}
          aria-label={m.daysLabel(lease.communeName)}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            save();
          }}
        />
        {error !== null && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td>
        {lease.setBy && lease.setAt
          ? m.setBy(lease.setBy.name ?? lease.setBy.id, formatDateTime(Date.parse(lease.setAt)))
          : m.notSet}
      </td>
      <td>
        <button
          type="button"
          className="primary"
          disabled={busy}
          aria-label={m.saveLabel(lease.communeName)}
          onClick={save}
        >
          {m.save}
        </button>
      </td>
    </tr>
  );
}
