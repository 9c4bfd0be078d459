import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useOnline } from '../../ui/use-online';
import { useServices } from '../../ui/services';
import { useSyncState } from '../../ui/use-sync-state';
import { useOutboxCounts } from '../../ui/use-outbox-counts';
import type { SyncState } from '../../sync/sync-engine';

/**
 * What the connection is, honestly (issue 16): the browser's `navigator.onLine` false says there is
 * no network; otherwise what the server did on the last try says it (sync/contact.ts): answered,
 * answered slowly, or did not answer. "Có mạng" only before the first try.
 */
function connectionText(online: boolean, reach: SyncState['reach']): string {
  if (!online) return t.sync.offline;
  if (reach === 'unreachable') return t.sync.unreachable;
  if (reach === 'slow') return t.sync.slow;
  return reach === 'ok' ? t.sync.connected : t.sync.online;
}

/** Always-visible sync status: connection, last sync, pending operations, and pull progress. */
export function SyncStatusBar() {
  const { engine, mode } = useServices();
  const state = useSyncState();
  // Counts come from IndexedDB, not engine state, so every tab shows ops recorded in any tab.
  const counts = useOutboxCounts();
  // In practice mode the practice server is inside the app: it is always within reach.
  const online = useOnline() || (mode?.practice ?? false);
  const busy = state.status === 'pulling' || state.status === 'pushing';
  const progress = state.progress;
  const pct = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;

  return (
    <div className="sync-bar" data-status={state.status}>
      <div className="sync-line" role="status" aria-live="polite">
        <span
          className={`dot ${online && state.reach !== 'unreachable' ? (state.reach === 'slow' ? 'weak' : 'on') : 'off'}`}
          aria-hidden="true"
        />
        <span data-testid="sync-online">{connectionText(online, state.reach)}</span>
        <span className="muted">
          {t.sync.lastContact}:{' '}
          <span data-testid="sync-contact">
            {state.lastContactAt ? formatDateTime(state.lastContactAt) : t.sync.noContact}
          </span>
        </span>
        <span className="muted">
          {t.sync.lastSync}:{' '}
          <span data-testid="sync-last">{state.lastSyncAt ? formatDateTime(state.lastSyncAt) : t.sync.never}</span>
        </span>
        <span data-testid="sync-pending" className={counts.pending > 0 ? 'pending' : 'muted'}>
          {t.sync.pending(counts.pending)}
        </span>
        {counts.attention > 0 && (
          <Link to="/can-xu-ly" className="warning" data-testid="sync-attention">
            {t.sync.attention(counts.attention)}
          </Link>
        )}
        {state.status === 'error' && state.errorCode && (
          <span className="error">
            {t.sync.error}: {errorMessage(state.errorCode)}
          </span>
        )}
        <button type="button" onClick={() => void engine.syncNow()} disabled={busy || !online}>
          {busy ? t.sync.syncing : t.sync.syncNow}
        </button>
      </div>
      {progress && (
        <div className="progress">
          <progress max={100} value={pct} aria-label={t.sync.syncing} />
          <span data-testid="sync-progress">{t.sync.pulling(progress.done, progress.total, pct)}</span>
        </div>
      )}
    </div>
  );
}
