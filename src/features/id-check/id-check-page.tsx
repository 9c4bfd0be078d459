import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { parseCccdQr, type CccdCard } from '../../domain/citizen-id';
import { idCheckPayload } from '../../domain/receiver-check';
import { vietnamDate } from '../../lib/clock';
import { ComparisonTable } from '../../ui/comparison-table';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { ScannerPanel } from '../../ui/scanner-panel';
import { readPerson } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';
import { recordErrorMessage } from '../../ui/record-error';
import { useCan } from '../../ui/use-can';
import { useRecordOp } from '../../ui/use-record-op';
import { compareFor } from './id-check-result';
import { useIdMatches } from './use-id-matches';

type Whose = 'beneficiary' | 'guardian' | 'authorized';

/**
 * Checks an ID card offline: scan the QR (camera or photo) or type it, parse it, and compare it
 * with the roster person or their representative; the result is recorded as an id-check op.
 * Opened without a person, a scanned card finds the person in the roster.
 */
export function IdCheckPage() {
  const id = useParams()['id'];
  const { db, clock } = useServices();
  const { isReady, record } = useRecordOp();
  const can = useCan();
  const [card, setCard] = useState<CccdCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [whose, setWhose] = useState<Whose>('beneficiary');
  const [saved, setSaved] = useState(false);
  const person = useLiveQuery(async () => (id ? ((await readPerson(db, id)) ?? null) : null), [db, id]);
  const matches = useIdMatches(id ? null : card);

  const [lastRaw, setLastRaw] = useState<string | null>(null);

  function onText(raw: string) {
    // The same card read again (a second frame, a second tap) keeps what was already recorded.
    if (raw === lastRaw && card) return;
    setLastRaw(raw);
    const parsed = parseCccdQr(raw, { today: vietnamDate(clock.now()) });
    setSaved(false);
    if (parsed.ok) {
      setCard(parsed.value);
      setError(null);
    } else {
      setCard(null);
      setError(t.idCheck.parseErrors[parsed.error.code]);
    }
  }

  const comparison = card && person ? compareFor(card, person, whose) : null;

  async function save() {
    if (!card || !person || !comparison) return;
    const check = idCheckPayload({ method: 'qr', card, comparison }, whose === 'beneficiary' ? 'self' : whose);
    const recorded = await record('id-check.record', person.id, check);
    setError(recorded.ok ? null : recordErrorMessage(recorded.error));
    setSaved(recorded.ok);
  }

  return (
    <section className="id-check">
      <h1>{person ? t.idCheck.titleFor(person.fullName) : t.idCheck.title}</h1>
      <GuideLink guide="idCheck" />
      {person?.representative && (
        <fieldset>
          <legend>{t.idCheck.whose}</legend>
          {(['beneficiary', person.representative.kind] as const).map((w) => (
            <label key={w} className="radio">
              <input
                type="radio"
                name="whose"
                checked={whose === w}
                onChange={() => {
                  setWhose(w);
                  setSaved(false);
                }}
              />
              {w === 'beneficiary'
                ? person.fullName
                : `${t.representativeKinds[w]}: ${person.representative?.fullName ?? ''}`}
            </label>
          ))}
        </fieldset>
      )}
      <ScannerPanel onText={onText} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {card && (
        <div className="card" data-testid="scanned-card">
          <p>
            {t.idCheck.cardOf} <strong>{card.fullName}</strong> · {card.idNumber}
          </p>
          {card.issues.length > 0 && <p className="warning">{t.idCheck.cardIssues}</p>}
          {comparison && <ComparisonTable comparison={comparison} />}
          {comparison && can('id-check.record', person?.communeCode) && (
            <button type="button" className="primary" onClick={() => void save()} disabled={saved || !isReady}>
              {saved ? t.idCheck.saved : t.idCheck.save}
            </button>
          )}
          {!id && matches && (
            <ul className="plain" data-testid="id-matches">
              {matches.length === 0 && <li>{t.idCheck.notInRoster}</li>}
              {matches.map((m) => (
                <li key={m.id}>
                  <Link to={`/nguoi/${encodeURIComponent(m.id)}`}>{m.fullName}</Link> ·{' '}
                  <Link to={`/kiem-tra/${encodeURIComponent(m.id)}`}>{t.idCheck.compareWith}</Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
