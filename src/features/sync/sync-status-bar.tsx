import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { vi } from '../../ui/messages.vi';
import { useOnline } from '../../ui/use-online';
import { useServices } from '../../ui/services';
import { useSyncState } from '../../ui/use-sync-state';
import { useOutboxCounts } from '../../ui/use-outbox-counts';
import { errorMessageVi } from '../../ui/messages.vi';

/** Always-visible sync status: connection, last sync, pending operations, and pull progress. */
export function SyncStatusBar() {
  const { engine } = useServices();
  const state = useSyncState();
  // Counts come from IndexedDB, not engine state, so every tab shows ops recorded in any tab.
  const counts = useOutboxCounts();
  const online = useOnline();
  const busy = state.status === 'pulling' || state.status === 'pushing';
  const progress = state.progress;
  const pct = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;

  return (
    <div className="sync-bar" data-status={state.status}>
      <div className="sync-line" role="status" aria-live="polite">
        <span className={`dot ${online ? 'on' : 'off'}`} aria-hidden="true" />
        <span data-testid="sync-online">{online ? vi.sync.online : vi.sync.offline}</span>
        <span className="muted">
          {vi.sync.lastSync}:{' '}
          <span data-testid="sync-last">{state.lastSyncAt ? formatDateTime(state.lastSyncAt) : vi.sync.never}</span>
        </span>
        <span data-testid="sync-pending" className={counts.pending > 0 ? 'pending' : 'muted'}>
          {vi.sync.pending(counts.pending)}
        </span>
        {counts.attention > 0 && (
          <Link to="/can-xu-ly" className="warning" data-testid="sync-attention">
            {vi.sync.attention(counts.attention)}
          </Link>
        )}
        {state.status === 'error' && state.errorCode && (
          <span className="error">
            {vi.sync.error}: {errorMessageVi(state.errorCode)}
          </span>
        )}
        <button type="button" onClick={() => void engine.syncNow()} disabled={busy || !online}>
          {busy ? vi.sync.syncing : vi.sync.syncNow}
        </button>
      </div>
      {progress && (
        <div className="progress">
          <progress max={100} value={pct} aria-label={vi.sync.syncing} />
          <span data-testid="sync-progress">{vi.sync.pulling(progress.done, progress.total, pct)}</span>
        </div>
      )}
    </div>
  );
}
