import { useEffect, useState } from 'react';
import type { StorageErrorCode } from '../storage/storage-errors';
import { vi } from '../ui/messages.vi';
import { onStorageError } from '../ui/storage-alert';

/** A banner that says plainly when the device could not save (never a silent failure). */
export function StorageBanner() {
  const [code, setCode] = useState<StorageErrorCode | null>(null);
  useEffect(() => onStorageError(setCode), []);
  if (!code) return null;
  return (
    <div className="storage-banner" role="alert">
      <span>{vi.storageErrors[code]}</span>
      <button type="button" onClick={() => setCode(null)}>
        {vi.storageErrors.dismiss}
      </button>
    </div>
  );
}
