/**
 * What the field recorded about people still on the month's list (docs/protocol.md "Lists"): a
 * visit finding them dead or moved away, or three months not collected. The preparer holds each
 * back this month (the allowance stops, or is suspended) or keeps paying them with a reason; the
 * list is submitted only once every one is answered. Others read the answers.
 */
import { useState } from 'react';
import { fieldOutcome, proposalKind } from '../../domain/list-field-outcomes';
import { formatVnd, vnd } from '../../domain/money';
import type { ListDetail } from '../../protocol/lists';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

type Proposal = ListDetail['fieldOutcomes'][number];

export function FieldOutcomes(props: {
  listId: string;
  proposals: Proposal[];
  editable: boolean;
  onAnswered: () => void;
}) {
  const { transport } = useServices();
  const session = useSession();
  const [notes, setNotes] = useState<ReadonlyMap<string, string>>(
    () => new Map(props.proposals.map((p) => [p.beneficiaryId, p.note ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (props.proposals.length === 0) return null;

  async function answer(p: Proposal, accept: boolean) {
    const decided = fieldOutcome(accept, notes.get(p.beneficiaryId) ?? null);
    if (!session || !decided.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      await transport.setFieldOutcomes(session.token, props.listId, [
        { beneficiaryId: p.beneficiaryId, accept: decided.value.accepted, note: decided.value.note },
      ]);
      props.onAnswered();
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    } finally {
      setBusy(false);
    }
  }

  const state = (p: Proposal) =>
    p.accepted === null ? t.lists.fieldOpen : p.accepted ? t.lists.fieldHeld : t.lists.fieldKept(p.note ?? '');

  return (
    <>
      <h3>{t.lists.fieldTitle}</h3>
      <ul className="plain" data-testid="list-field-outcomes">
        {props.proposals.map((p) => {
          const note = notes.get(p.beneficiaryId) ?? '';
          return (
            <li key={p.beneficiaryId}>
              {p.fullName} {p.code ? `(${p.code})` : ''} · {formatVnd(vnd(p.total))} ·{' '}
              {t.lists.suggested(t.lists.reasons[p.suggested])} · <strong>{state(p)}</strong>
              {props.editable && (
                <span className="decision">
                  <button type="button" disabled={busy || p.accepted === true} onClick={() => void answer(p, true)}>
                    {proposalKind(p.suggested) === 'suspension' ? t.lists.acceptSuspension : t.lists.acceptDecrease}
                  </button>
                  <input
                    aria-label={`${t.lists.keepNote}: ${p.fullName}`}
                    placeholder={t.lists.keepNote}
                    value={note}
                    disabled={busy}
                    onChange={(e) => setNotes((prev) => new Map(prev).set(p.beneficiaryId, e.target.value))}
                  />
                  <button
                    type="button"
                    disabled={busy || note.trim() === '' || (p.accepted === false && note.trim() === p.note)}
                    onClick={() => void answer(p, false)}
                  >
                    {t.lists.keepAction}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
