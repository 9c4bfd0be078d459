import { useEffect, useRef, useState } from 'react';
import { useServices } from './services';

/**
 * A form draft kept in IndexedDB while the user types, so a reload (or a crash, or the tablet
 * going to sleep) mid-form loses nothing. `loaded` is undefined until the stored draft is read.
 */
export function useDraft<T>(key: string): {
  loaded: T | null | undefined;
  save: (value: T) => void;
  clear: () => Promise<void>;
} {
  const { db, kv } = useServices();
  const [loaded, setLoaded] = useState<T | null | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fullKey = `draft:${key}` as const;

  useEffect(() => {
    let live = true;
    void kv.get<T>(fullKey).then((v) => live && setLoaded(v ?? null));
    return () => {
      live = false;
    };
  }, [kv, fullKey]);

  return {
    loaded,
    save(value) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void kv.set(fullKey, value), 300);
    },
    async clear() {
      if (timer.current) clearTimeout(timer.current);
      await db.kv.delete(fullKey);
    },
  };
}
