import { useEffect, useState } from 'react';
import { toStorageErrorCode, type StorageErrorCode } from '../storage/storage-errors';
import { t } from '../ui/messages';
import { onStorageError } from '../ui/storage-alert';

/** A banner that says plainly when the device could not save (never a silent failure). */
export function StorageBanner() {
  const [code, setCode] = useState<StorageErrorCode | null>(null);
  useEffect(() => onStorageError(setCode, toStorageErrorCode), []);
  if (!code) return null;
  return (
    <div className="storage-banner" role="alert">
      <span>{t.storageErrors[code]}</span>
      <button type="button" onClick={() => setCode(null)}>
        {t.storageErrors.dismiss}
      </button>
    </div>
  );
}
