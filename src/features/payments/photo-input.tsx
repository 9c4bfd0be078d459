import { useEffect, useState } from 'react';
import { t } from '../../ui/messages';
import { shrinkPhoto, type Photo } from './shrink-photo';

/** Optional photo evidence: the back camera on a tablet, a file picker elsewhere; a preview to check. */
export function PhotoInput({ photo, onChange }: { photo: Photo | null; onChange: (photo: Photo | null) => void }) {
  const [error, setError] = useState(false);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!photo) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(photo.blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [photo]);

  async function pick(file: File | undefined) {
    if (!file) return;
    const shrunk = await shrinkPhoto(file);
    setError(shrunk === null);
    onChange(shrunk);
  }

  return (
    <div className="photo-input">
      <label className="button file-button">
        {t.pay.photo}
        <input type="file" accept="image/*" capture="environment" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {error && <p className="error">{t.pay.photoError}</p>}
      {photo && url && (
        <p>
          <img src={url} alt={t.pay.photoTaken} className="photo-preview" data-testid="photo-preview" />
          <button type="button" onClick={() => onChange(null)}>
            {t.pay.removePhoto}
          </button>
        </p>
      )}
    </div>
  );
}
