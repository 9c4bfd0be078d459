/** Settings: after how many idle minutes the device locks (features/lock/use-idle-lock.ts). */
import { setKv } from '../../storage/kv';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_CHOICES } from '../../domain/idle-lock';
import { getKv } from '../../storage/kv';

export function IdleLockSetting() {
  const m = t.pinLock;
  const { db } = useServices();
  const minutes = useLiveQuery(() => getKv<number>(db, 'idleLockMinutes'), [db]) ?? DEFAULT_IDLE_LOCK_MINUTES;
  return (
    <section className="card" aria-labelledby="idle-lock-title">
      <h2 id="idle-lock-title">{m.idleTitle}</h2>
      <label htmlFor="idle-lock-minutes">{m.idleLabel}</label>
      <select
        id="idle-lock-minutes"
        value={minutes}
        onChange={(e) => void setKv(db, 'idleLockMinutes', Number(e.target.value))}
      >
        {IDLE_LOCK_CHOICES.map((n) => (
          <option key={n} value={n}>
            {m.idleMinutes(n)}
          </option>
        ))}
      </select>
    </section>
  );
}
