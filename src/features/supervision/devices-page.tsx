import { useCallback, useEffect, useState } from 'react';
import type { DeviceInfo } from '../../protocol/devices';
import { TransportError } from '../../sync/transport';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';
import { OutboxImport } from './outbox-import';
import { ReceiptFlags } from './receipt-flags';

/** Supervisors and admins (online): devices, what has not arrived from them, retire and revoke. */
export function DevicesPage() {
  const can = useCan();
  const { transport } = useServices();
  const session = useSession();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = session?.token;

  const load = useCallback(async () => {
    if (!token) return;
    try {
      setDevices(await transport.listDevices(token));
      setError(null);
    } catch (e) {
      setError(errorMessage(e instanceof TransportError ? e.code : 'unexpected'));
    }
  }, [token, transport]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(device: DeviceInfo, action: 'retire' | 'revoke') {
    if (!token || !window.confirm(t.devices.confirm[action](device.name))) return;
    try {
      await transport.setDeviceStatus(token, device.id, action);
      await load();
    } catch (e) {
      setError(errorMessage(e instanceof TransportError ? e.code : 'unexpected'));
    }
  }

  return (
    <section className="devices">
      <h1>{t.devices.title}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can('ops.import') && token && <OutboxImport token={token} onImported={load} />}
      <ul className="plain">
        {devices?.map((d) => (
          <li key={d.id} className="card device-item">
            <strong>{d.name}</strong>
            <span>
              {d.user.displayName} ({d.user.username}) · {t.devices.status[d.status]}
            </span>
            <span className="muted">
              {t.devices.lastSeen}: {d.lastSeenAt ? formatDateTime(Date.parse(d.lastSeenAt)) : '—'}
            </span>
            <span className={d.pendingOps > 0 ? 'warning' : 'muted'}>
              {t.devices.seqs(d.lastSeqReported, d.maxSeqReceived, d.pendingOps)}
            </span>
            {d.gaps.length > 0 && <span className="warning">{t.devices.gaps(d.gaps.length)}</span>}
            {d.status === 'active' && (
              <span className="toolbar">
                <button type="button" onClick={() => void act(d, 'retire')}>
                  {t.devices.retire}
                </button>
                <button type="button" className="danger" onClick={() => void act(d, 'revoke')}>
                  {t.devices.revoke}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {token && <ReceiptFlags token={token} />}
    </section>
  );
}
