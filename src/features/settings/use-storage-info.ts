import { useEffect, useState } from 'react';

export type StorageInfo = { persisted: boolean | null; usage: number | null; quota: number | null };

/** Whether the browser keeps our data under storage pressure, and how much we use. */
export function useStorageInfo(): StorageInfo | undefined {
  const [info, setInfo] = useState<StorageInfo>();
  useEffect(() => {
    let live = true;
    async function read(): Promise<StorageInfo> {
      const storage = navigator.storage as StorageManager | undefined;
      if (!storage) return { persisted: null, usage: null, quota: null };
      const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate()]);
      return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
    }
    read()
      .then((i) => live && setInfo(i))
      .catch(() => live && setInfo({ persisted: null, usage: null, quota: null }));
    return () => {
      live = false;
    };
  }, []);
  return info;
}
