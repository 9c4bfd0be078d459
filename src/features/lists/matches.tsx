/**
 * Rows that match last month's people by name, birth year and village only (docs/protocol.md
 * "Lists"): asked, never guessed. The preparer says "the same person" or "two people" for each;
 * the list is submitted only once every one is answered. Others read the answers.
 */
import { useState } from 'react';
import type { ListDetail } from '../../protocol/lists';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

type Match = ListDetail['matches'][number];

export function Matches(props: { listId: string; matches: Match[]; editable: boolean; onAnswered: () => void }) {
  const { transport } = useServices();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (props.matches.length === 0) return null;

  async function answer(m: Match, same: boolean) {
    if (!session) return;
    setBusy(true);
    setFailure(null);
    try {
      await transport.setMatches(session.token, props.listId, [{ beneficiaryId: m.beneficiaryId, row: m.row, same }]);
      props.onAnswered();
    } catch (e) {
      setFailure(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h3>{t.lists.matchesTitle}</h3>
      <ul className="plain" data-testid="list-matches">
        {props.matches.map((m) => (
          <li key={`${m.beneficiaryId}-${m.row}`}>
            {t.lists.matchLine(m.row, m.fullName, m.birthDate, m.village ?? '', m.previousCode ?? '')}{' '}
            <strong>{m.same === null ? t.lists.matchOpen : m.same ? t.lists.matchSame : t.lists.matchApart}</strong>
            {props.editable && (
              <span className="toolbar">
                <button type="button" disabled={busy || m.same === true} onClick={() => void answer(m, true)}>
                  {t.lists.sameAction}
                </button>
                <button type="button" disabled={busy || m.same === false} onClick={() => void answer(m, false)}>
                  {t.lists.apartAction}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
