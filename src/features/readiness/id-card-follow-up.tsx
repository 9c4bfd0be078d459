/**
 * The follow-up of a person who needs a new ID card (issue 17; seed step 3): where their request
 * stands, the appointment at the commune police, and, once the card is issued, its date and the
 * new 12-digit number — which moves the person on in the readiness review.
 */
import { useState, type FormEvent } from 'react';
import { checkIdNumber, normalizeIdNumber } from '../../domain/citizen-id';
import { isIdNumberFormat } from '../../domain/citizen-id-number';
import {
  cardToRequest,
  idCardRequestProblems,
  idCardRequestStage,
  type IdCardRequest,
} from '../../domain/id-card-request';
import { vietnamDate } from '../../lib/clock';
import { formatBirthDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useRecordOp } from '../../ui/use-record-op';
import { useServices } from '../../ui/services';
import type { ReadinessItem } from './use-readiness';

type Open = 'book' | 'issued' | null;

/** The request on record, or the one readiness asks for (not booked yet). */
function requestOf(item: ReadinessItem): IdCardRequest {
  const suggested = cardToRequest(item.readiness) ?? { kind: 'new', person: item.readiness.holder };
  return item.person.idCardRequest ?? { ...suggested, appointmentOn: null, place: null, issuedOn: null };
}

export function IdCardFollowUp({ item, policePlace }: { item: ReadinessItem; policePlace: string }) {
  const { clock } = useServices();
  const { record } = useRecordOp();
  const today = vietnamDate(clock.now());
  const request = requestOf(item);
  const stage = idCardRequestStage(request, today);
  const [open, setOpen] = useState<Open>(null);
  const [day, setDay] = useState('');
  const [place, setPlace] = useState(request.place ?? policePlace);
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The card is the account holder's: the representative's when the request says so.
  const representative = item.person.representative;
  const name = request.person === 'representative' ? (representative?.fullName ?? '') : item.person.fullName;
  const idPrefix = `icf-${item.person.id}`;

  function toggle(next: Open) {
    setOpen(open === next ? null : next);
    setProblem(null);
    setDay(next === 'book' ? (request.appointmentOn ?? '') : '');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const next: IdCardRequest =
      open === 'book'
        ? { ...request, appointmentOn: day || null, place: place.trim() || null }
        : { ...request, issuedOn: day || null };
    const problems = idCardRequestProblems(next, today);
    if (open === 'issued' && !day) problems.push('issued-not-a-date');
    const first = problems[0];
    if (first) return setProblem(t.outreach.issueErrors[first]);
    const patch: Record<string, unknown> = { idCardRequest: next };
    if (open === 'issued') {
      const id = normalizeIdNumber(number);
      const holder = request.person === 'representative' ? representative : null;
      // A representative's card whose representative was taken off the record: not the person's.
      if (request.person === 'representative' && !holder)
        return setProblem(t.outreach.issueErrors['no-representative']);
      const context = holder ? { today } : { birthDate: item.person.birthDate, gender: item.person.gender, today };
      const wrong = checkIdNumber(id, context).find((i) => i.severity === 'error');
      if (!isIdNumberFormat(id)) return setProblem(t.outreach.issueErrors['id-number']);
      if (wrong) return setProblem(t.enrol.idIssues[wrong.code]);
      if (holder) patch['representative'] = { ...holder, idNumber: id };
      else patch['idNumber'] = id;
    }
    const saved = await record('beneficiary.update', item.person.id, patch, { baseVersion: item.person.version });
    if (!saved.ok) return setProblem(recordErrorMessage(saved.error));
    setOpen(null);
    setProblem(null);
  }

  return (
    <div className="id-card-follow-up">
      <p data-testid="id-card-stage">
        {t.outreach.stageLine(
          t.outreach.stages[stage],
          request.appointmentOn ? formatBirthDate(request.appointmentOn) : null,
          request.issuedOn ? formatBirthDate(request.issuedOn) : null,
        )}
      </p>
      <p className="no-print">
        <button type="button" aria-expanded={open === 'book'} onClick={() => toggle('book')}>
          {t.outreach.book(name)}
        </button>{' '}
        <button type="button" aria-expanded={open === 'issued'} onClick={() => toggle('issued')}>
          {t.outreach.issued(name)}
        </button>
      </p>
      {open !== null && (
        <form className="no-print form-grid" onSubmit={(e) => void save(e)} noValidate>
          <div className="field">
            <label htmlFor={`${idPrefix}-day`}>
              {open === 'book' ? t.outreach.appointmentOn : t.outreach.issuedOn}
            </label>
            <input
              id={`${idPrefix}-day`}
              type="date"
              value={day}
              {...(open === 'issued' ? { max: today } : {})}
              onChange={(e) => setDay(e.target.value)}
            />
          </div>
          {open === 'book' ? (
            <div className="field">
              <label htmlFor={`${idPrefix}-place`}>{t.outreach.place}</label>
              <input id={`${idPrefix}-place`} value={place} onChange={(e) => setPlace(e.target.value)} />
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${idPrefix}-number`}>{t.outreach.newIdNumber}</label>
              <input
                id={`${idPrefix}-number`}
                inputMode="numeric"
                autoComplete="off"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
              />
            </div>
          )}
          <button type="submit" className="primary">
            {open === 'book' ? t.outreach.saveBooking : t.outreach.saveIssued}
          </button>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
