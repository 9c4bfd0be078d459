/**
 * Failed transfers of a batch: for each, the supervisor chooses how the money still reaches the
 * person — cash at home or at the commune point this month, or carried to next month — with a
 * reason. Lines decided before show the decision.
 */
import { useState } from 'react';
import { formatVnd, vnd } from '../../domain/money';
import type { BatchLineView } from '../../protocol/batches';
import type { RerouteTo } from '../../sync/payout-transport';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

const targets: readonly RerouteTo[] = ['home-delivery', 'cash-point', 'next-month'];
type Choice = { to: RerouteTo | ''; reason: string };

export function FailedLines({
  batchId,
  lines,
  onDecided,
}: {
  batchId: string;
  lines: readonly BatchLineView[];
  onDecided: () => void;
}) {
  const { transport } = useServices();
  const session = useSession();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  const open = lines.filter((l) => l.reroute === null && l.lineStatus === 'failed');
  const choiceOf = (lineId: string): Choice => choices[lineId] ?? { to: '', reason: '' };

  async function save() {
    if (!session) return;
    const chosen = open.flatMap((l) => {
      const c = choiceOf(l.lineId);
      return c.to === '' ? [] : [{ lineId: l.lineId, to: c.to, reason: c.reason.trim() }];
    });
    if (chosen.length === 0) return;
    if (chosen.some((c) => c.reason === '')) {
      setNotice({ text: t.payout.rerouteNeedsReason, isError: true });
      return;
    }
    setBusy(true);
    try {
      await transport.rerouteFailed(session.token, batchId, chosen);
      setChoices({});
      setNotice({ text: t.payout.rerouted, isError: false });
      onDecided();
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="failed-title" data-testid="failed-lines">
      <h3 id="failed-title">{t.payout.failedTitle}</h3>
      <p className="muted">{t.payout.failedIntro}</p>
      <table>
        <thead>
          <tr>
            <th>{t.payout.cols.holder}</th>
            <th className="num">{t.payout.cols.amount}</th>
            <th>{t.payout.cols.reason}</th>
            <th>{t.payout.cols.decision}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const c = choiceOf(l.lineId);
            return (
              <tr key={l.lineId}>
                <td>{l.holderName}</td>
                <td className="num">{formatVnd(vnd(l.amount))}</td>
                <td>{l.reason ?? ''}</td>
                <td>
                  {l.reroute !== null || l.lineStatus !== 'failed' ? (
                    t.payout.decided(
                      l.reroute
                        ? (t.payout.rerouteTo[l.reroute.to as RerouteTo] ?? l.reroute.to)
                        : (l.lineStatus ?? ''),
                    )
                  ) : (
                    <>
                      <label>
                        <span className="visually-hidden">{t.payout.cols.decision}</span>
                        <select
                          aria-label={`${t.payout.cols.decision}: ${l.holderName}`}
                          value={c.to}
                          onChange={(e) =>
                            setChoices({ ...choices, [l.lineId]: { ...c, to: e.target.value as RerouteTo | '' } })
                          }
                        >
                          <option value="">—</option>
                          {targets.map((to) => (
                            <option key={to} value={to}>
                              {t.payout.rerouteTo[to]}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label>
                        {t.payout.rerouteReason}
                        <input
                          aria-label={`${t.payout.rerouteReason}: ${l.holderName}`}
                          value={c.reason}
                          onChange={(e) => setChoices({ ...choices, [l.lineId]: { ...c, reason: e.target.value } })}
                        />
                      </label>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {notice && (
        <p className={notice.isError ? 'error' : 'ok'} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {open.length > 0 && (
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {t.payout.reroute}
        </button>
      )}
    </section>
  );
}
