/**
 * Locks the device after a set time without a touch, a key or a scroll (issue 13: "the app locks
 * after idle time"): the key leaves memory and the lock screen replaces every screen
 * (storage/device-unlock.ts `lockDevice`). The time is a setting of the device (`idleLockMinutes`,
 * unsealed: it is read before an unlock), 5 minutes unless changed.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { lockDevice } from '../../storage/device-unlock';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../domain/idle-lock';
import { getKv } from '../../storage/kv';
import { useServices } from '../../ui/services';

const CHECK_EVERY_MS = 5_000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function useIdleLock(): void {
  const { db, clock } = useServices();
  const minutes = useLiveQuery(() => getKv<number>(db, 'idleLockMinutes'), [db]) ?? DEFAULT_IDLE_LOCK_MINUTES;
  useEffect(() => {
    let last = clock.now();
    const touched = () => {
      last = clock.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, touched, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (clock.now() - last >= minutes * 60_000) lockDevice(db);
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, touched, { capture: true });
    };
  }, [db, clock, minutes]);
}
