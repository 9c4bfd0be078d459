/**
 * The people who leave the month's list, each with a reason (docs/protocol.md "Lists"): the
 * preparer chooses one per person while the list is a draft or returned — what the field
 * recorded (a visit, months not collected) is shown beside it — and saves them; the list is
 * submitted only once everyone has one. Others read the reasons.
 */
import { useState } from 'react';
import { decreaseDecision, decreaseReasons, type DecreaseReason } from '../../domain/list-decreases';
import { formatVnd, vnd } from '../../domain/money';
import type { ListDetail } from '../../protocol/lists';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

type Leaving = ListDetail['decreases'][number];
type Choice = { reason: DecreaseReason | ''; note: string };

export function Decreases(props: { listId: string; decreases: Leaving[]; editable: boolean; onSaved: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const [choices, setChoices] = useState<ReadonlyMap<string, Choice>>(
    () => new Map(props.decreases.map((d) => [d.beneficiaryId, { reason: d.reason ?? '', note: d.note ?? '' }])),
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);
  if (props.decreases.length === 0) return null;

  const choose = (id: string, patch: Partial<Choice>) =>
    setChoices((prev) => new Map(prev).set(id, { ...(prev.get(id) ?? { reason: '', note: '' }), ...patch }));
  const decisions = props.decreases.flatMap((d) => {
    const c = choices.get(d.beneficiaryId);
    if (!c || c.reason === '') return [];
    const decided = decreaseDecision(c.reason, c.note);
    return decided.ok ? [{ beneficiaryId: d.beneficiaryId, ...decided.value }] : [];
  });
  const noteMissing = (id: string) => {
    const c = choices.get(id);
    return c?.reason === 'other' && c.note.trim() === '';
  };

  async function save() {
    if (!session || decisions.length === 0) return;
    setBusy(true);
    try {
      const answer = await transport.setDecreaseReasons(session.token, props.listId, decisions);
      setNotice({ text: t.lists.reasonsSaved(answer.missing), isError: false });
      props.onSaved();
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h3>{t.lists.leftTitle}</h3>
      <ul className="plain" data-testid="list-left">
        {props.decreases.map((d) => {
          const c = choices.get(d.beneficiaryId) ?? { reason: '', note: '' };
          return (
            <li key={d.beneficiaryId}>
              {d.fullName} {d.code ? `(${d.code})` : ''} · {formatVnd(vnd(d.total))}
              {d.suggested && <span className="muted"> · {t.lists.suggested(t.lists.reasons[d.suggested])}</span>}
              {props.editable ? (
                <span className="decision">
                  <select
                    aria-label={`${t.lists.reason}: ${d.fullName}`}
                    value={c.reason}
                    disabled={busy}
                    onChange={(e) => choose(d.beneficiaryId, { reason: e.target.value as DecreaseReason | '' })}
                  >
                    <option value="">{t.lists.noReason}</option>
                    {decreaseReasons.map((r) => (
                      <option key={r} value={r}>
                        {t.lists.reasons[r]}
                      </option>
                    ))}
                  </select>
                  {c.reason === 'other' && (
                    <input
                      aria-label={`${t.lists.reasonNote}: ${d.fullName}`}
                      placeholder={t.lists.reasonNote}
                      value={c.note}
                      disabled={busy}
                      onChange={(e) => choose(d.beneficiaryId, { note: e.target.value })}
                    />
                  )}
                  {noteMissing(d.beneficiaryId) && (
                    <span className="error" role="alert">
                      {t.lists.noteNeeded}
                    </span>
                  )}
                </span>
              ) : (
                <span>
                  {' · '}
                  {d.reason ? t.lists.reasons[d.reason] : t.lists.noReason}
                  {d.note ? ` (${d.note})` : ''}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {props.editable && (
        <button type="button" disabled={busy || decisions.length === 0} onClick={() => void save()}>
          {t.lists.saveReasons}
        </button>
      )}
      {notice && (
        <p className={notice.isError ? 'error' : undefined} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
    </>
  );
}
