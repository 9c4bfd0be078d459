/**
 * Payment through accounts (issue 12; docs/protocol.md "Batches"), online: choose the commune and
 * month, prepare a batch for a provider, see the month's batches and open one.
 */
import { useState } from 'react';
import { formatVnd, vnd } from '../../domain/money';
import { vietnamMonth } from '../../lib/clock';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useOnline } from '../../ui/use-online';
import { useSession } from '../../ui/use-session';
import { CommuneMonthPicker } from '../../ui/commune-month-picker';
import { BatchDetailView } from './batch-detail';
import { useBatch, useBatches, useProviders } from './use-payout';

export function PayoutPage() {
  const { clock, transport } = useServices();
  const session = useSession();
  const can = useCan();
  const communes = useMyCommunes();
  const online = useOnline();
  const [commune, setCommune] = useState('');
  const [period, setPeriod] = useState(() => vietnamMonth(clock.now()));
  const [providerId, setProviderId] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = commune || communes?.[0]?.code || '';
  const [providers] = useProviders();
  const [batches, reloadBatches] = useBatches(chosen, period);
  const [detail, reloadDetail] = useBatch(openId);
  if (communes === undefined) return null;
  const usable = providers.state === 'ready' ? providers.value.filter((p) => !p.disabled) : [];
  const provider = providerId || usable[0]?.id || '';

  const refresh = () => {
    reloadBatches();
    reloadDetail();
  };
  const prepare = () =>
    runAsync(
      async () => {
        if (!session || provider === '') return;
        setBusy(true);
        setError(null);
        try {
          const batch = await transport.createBatch(session.token, { providerId: provider, commune: chosen, period });
          setOpenId(batch.id);
          refresh();
        } finally {
          setBusy(false);
        }
      },
      (e) => setError(errorMessage((e as { code?: string }).code ?? 'unexpected')),
    );

  return (
    <section className="payout">
      <h1>{t.payout.title}</h1>
      <p className="muted">{t.payout.intro}</p>
      {!online && (
        <p className="warning" role="status">
          {t.payout.online}
        </p>
      )}
      <CommuneMonthPicker
        communes={communes}
        commune={chosen}
        period={period}
        labels={{ commune: t.payout.commune, month: t.payout.month }}
        onCommune={setCommune}
        onPeriod={setPeriod}
      />
      {can('batches.prepare', chosen) && (
        <div className="card">
          {providers.state === 'ready' && usable.length === 0 ? (
            <p className="muted">{t.payout.noProviders}</p>
          ) : (
            <div className="toolbar">
              <label>
                {t.payout.provider}
                <select value={provider} onChange={(e) => setProviderId(e.target.value)}>
                  {usable.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="primary" disabled={busy || provider === ''} onClick={prepare}>
                {busy ? t.payout.preparing : t.payout.prepare}
              </button>
            </div>
          )}
          {error !== null && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <h2>{t.payout.batches}</h2>
      {batches.state === 'loading' && <p className="muted">{t.payout.loading}</p>}
      {batches.state === 'failed' && (
        <p className="error" role="alert">
          {t.payout.loadFailed} {errorMessage(batches.code)}{' '}
          <button type="button" onClick={reloadBatches}>
            {t.payout.retry}
          </button>
        </p>
      )}
      {batches.state === 'ready' &&
        (batches.value.length === 0 ? (
          <p className="empty">{t.payout.none}</p>
        ) : (
          <ul className="plain" data-testid="batches">
            {batches.value.map((b) => (
              <li key={b.id} className="card">
                {b.reference} · {b.providerName} · {t.payout.statuses[b.status]} · {t.payout.lines(b.lineCount)} ·{' '}
                {formatVnd(vnd(b.total))}{' '}
                <button type="button" onClick={() => setOpenId(b.id)}>
                  {t.payout.open}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {openId !== null && detail.state === 'ready' && <BatchDetailView batch={detail.value} onChanged={refresh} />}
      {openId !== null && detail.state === 'failed' && (
        <p className="error" role="alert">
          {errorMessage(detail.code)}
        </p>
      )}
    </section>
  );
}
