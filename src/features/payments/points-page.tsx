/**
 * "Điểm chi trả" (issue 16, "Payment points and days"; officers and supervisors): the commune's
 * cash points for the month being paid — place, days, hours, the villages each serves, its
 * payers — checked as typed (domain/payment-points.ts) and saved online; the commune's devices
 * pull the schedule with their next sync. Links to the printed schedule for the notice board.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  checkSchedule,
  MAX_POINTS,
  type PaymentPoint,
  type PaymentSchedule,
  type ScheduleProblem,
} from '../../domain/payment-points';
import { rosterVillages } from '../../storage/roster-queries';
import { formatIsoDate } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useSession } from '../../ui/use-session';
import { usePayingMonth } from './use-cash-ledgers';
import { usePayers } from './use-payers';

export function PointsPage() {
  const month = usePayingMonth();
  const communes = useMyCommunes();
  const [chosen, setChosen] = useState<string | null>(null);
  const { db } = useServices();
  const code = chosen ?? communes?.[0]?.code ?? null;
  const commune = useLiveQuery(async () => (code ? ((await db.communes.get(code)) ?? null) : null), [db, code]);
  const villages = useLiveQuery(() => rosterVillages(db), [db]);
  if (month === undefined || !communes || commune === undefined || !villages) return null;
  if (month === null || !code) return <p className="empty">{t.cash.noMonth}</p>;
  const saved = commune?.paymentSchedule?.month === month ? commune.paymentSchedule : null;
  return (
    <section className="points">
      <h1>{t.points.title(month)}</h1>
      <p className="muted">{t.points.intro}</p>
      {communes.length > 1 && (
        <p>
          <label htmlFor="points-commune">{t.points.commune}</label>
          <select id="points-commune" value={code} onChange={(e) => setChosen(e.target.value)}>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
      )}
      <p className="no-print">
        <Link to={`/diem-chi-tra/in?xa=${encodeURIComponent(code)}`}>{t.points.print}</Link>
      </p>
      <ScheduleForm
        // Not keyed by the commune's version: the pull that follows a save must not reset the
        // form and its notice.
        key={`${code}:${month}`}
        communeCode={code}
        month={month}
        saved={saved}
        villages={villages}
      />
    </section>
  );
}

const newPoint = (): PaymentPoint => ({
  id: crypto.randomUUID(),
  name: '',
  address: '',
  days: [],
  from: '07:30',
  to: '11:00',
  villages: [],
  payerIds: [],
});

function problemText(p: ScheduleProblem): string {
  const texts = t.points.problems;
  switch (p.code) {
    case 'too-many-points':
      return texts['too-many-points'];
    case 'day-outside-month':
      return texts['day-outside-month'](p.point, formatIsoDate(p.day));
    case 'unknown-village':
      return texts['unknown-village'](p.point, p.village);
    case 'village-twice':
      return texts['village-twice'](p.village);
    case 'no-name':
    case 'no-days':
    case 'bad-hours':
    case 'no-villages':
      return texts[p.code](p.point);
  }
}

function ScheduleForm({
  communeCode,
  month,
  saved,
  villages,
}: {
  communeCode: string;
  month: string;
  saved: PaymentSchedule | null;
  villages: string[];
}) {
  const { transport, engine } = useServices();
  const token = useSession()?.token;
  const { saved: payers } = usePayers();
  const here = (payers?.payers ?? []).filter((p) => p.communes.includes(communeCode));
  const [points, setPoints] = useState<PaymentPoint[]>(saved?.points ?? []);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (i: number, patch: Partial<PaymentPoint>) =>
    setPoints(points.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const schedule = { month, points };
    const found = checkSchedule(schedule, villages).map(problemText);
    setProblems(found);
    setStatus(null);
    if (found.length > 0 || !token) return;
    if (!navigator.onLine) return setStatus({ ok: false, text: t.points.needsConnection });
    setSaving(true);
    try {
      await transport.setPaymentSchedule(token, communeCode, schedule);
      setStatus({ ok: true, text: t.points.saved });
      // This device pulls the commune's new version at once.
      void engine.syncNow();
    } catch (error) {
      setStatus({ ok: false, text: errorMessage((error as { code?: string }).code ?? 'network') });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {points.length === 0 && <p className="empty">{t.points.none}</p>}
      {points.map((p, i) => (
        <PointFields
          key={p.id}
          n={i + 1}
          point={p}
          month={month}
          villages={villages}
          payers={here}
          onChange={(patch) => change(i, patch)}
          onRemove={() => setPoints(points.filter((_, j) => j !== i))}
        />
      ))}
      {problems.length > 0 && (
        <div className="error" role="alert">
          <ul data-testid="points-problems">
            {problems.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'error'}>
          {status.text}
        </p>
      )}
      <p className="actions">
        <button type="button" onClick={() => setPoints([...points, newPoint()])} disabled={points.length >= MAX_POINTS}>
          {t.points.add}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t.points.saving : t.points.save}
        </button>
      </p>
    </form>
  );
}

function PointFields({
  n,
  point,
  month,
  villages,
  payers,
  onChange,
  onRemove,
}: {
  n: number;
  point: PaymentPoint;
  month: string;
  villages: string[];
  payers: { id: string; displayName: string }[];
  onChange: (patch: Partial<PaymentPoint>) => void;
  onRemove: () => void;
}) {
  const [day, setDay] = useState('');
  const id = (field: string) => `point-${String(n)}-${field}`;
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);
  return (
    <fieldset className="card point" data-testid="point">
      <legend>{t.points.point(n)}</legend>
      <label htmlFor={id('name')}>{t.points.name}</label>
      <input id={id('name')} value={point.name} onChange={(e) => onChange({ name: e.target.value })} />
      <label htmlFor={id('address')}>{t.points.address}</label>
      <input id={id('address')} value={point.address} onChange={(e) => onChange({ address: e.target.value })} />
      <label htmlFor={id('day')}>{t.points.days}</label>
      <div className="point-days">
        <input
          id={id('day')}
          type="date"
          min={`${month}-01`}
          max={`${month}-31`}
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
        <button
          type="button"
          onClick={() => {
            if (day && !point.days.includes(day)) onChange({ days: [...point.days, day].sort() });
            setDay('');
          }}
        >
          {t.points.addDay}
        </button>
      </div>
      <ul className="chips">
        {point.days.map((d) => (
          <li key={d}>
            {formatIsoDate(d)}{' '}
            <button
              type="button"
              aria-label={t.points.removeDay(formatIsoDate(d))}
              onClick={() => onChange({ days: point.days.filter((x) => x !== d) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="point-hours">
        <label htmlFor={id('from')}>{t.points.from}</label>
        <input id={id('from')} type="time" value={point.from} onChange={(e) => onChange({ from: e.target.value })} />
        <label htmlFor={id('to')}>{t.points.to}</label>
        <input id={id('to')} type="time" value={point.to} onChange={(e) => onChange({ to: e.target.value })} />
      </div>
      <fieldset>
        <legend>{t.points.villages}</legend>
        {villages.map((v) => (
          <label key={v} className="check">
            <input
              type="checkbox"
              checked={point.villages.includes(v)}
              onChange={(e) => onChange({ villages: toggle(point.villages, v, e.target.checked) })}
            />
            {v}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t.points.payers}</legend>
        {payers.length === 0 && <p className="muted">{t.points.noPayers}</p>}
        {payers.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={point.payerIds.includes(p.id)}
              onChange={(e) => onChange({ payerIds: toggle(point.payerIds, p.id, e.target.checked) })}
            />
            {p.displayName}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={onRemove}>
        {t.points.remove}
      </button>
    </fieldset>
  );
}
