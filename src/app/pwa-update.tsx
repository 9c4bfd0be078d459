import { useEffect, useState } from 'react';
import { Workbox } from 'workbox-window';
import { t } from '../ui/messages';

/**
 * Registers the service worker and, when a new version waits, asks before switching:
 * never an automatic reload in the middle of a payment (docs/style.md §2.11).
 */
export function PwaUpdate() {
  const [wb, setWb] = useState<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const workbox = new Workbox('/sw.js', { scope: '/' });
    workbox.addEventListener('waiting', () => setWaiting(true));
    // After the user accepted, the new worker takes control: reload once onto it.
    workbox.addEventListener('controlling', (event) => {
      if (event.isUpdate) window.location.reload();
    });
    workbox.register().catch(() => undefined);
    setWb(workbox);
  }, []);

  if (!waiting || !wb) return null;
  return (
    <div className="update-banner" role="alertdialog" aria-labelledby="update-title">
      <span id="update-title">{t.update.available}</span>
      <button type="button" className="primary" onClick={() => wb.messageSkipWaiting()}>
        {t.update.apply}
      </button>
      <button type="button" onClick={() => setWaiting(false)}>
        {t.update.later}
      </button>
    </div>
  );
}
