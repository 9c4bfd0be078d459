import { useCallback, useEffect, useState, type ChangeEvent } from 'react';
import type { DeviceInfo } from '../../protocol/devices';
import { outboxFileSchema, type OutboxFile } from '../../protocol/import';
import { TransportError, type PushAnswer } from '../../sync/transport';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useSession } from '../../ui/use-session';

/** Reads an outbox file (src/storage/outbox-export.ts); the reason, in the interface language, when it is not one. */
export function readOutboxFile(text: string): { ok: true; file: OutboxFile } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: t.devices.importUnreadable };
  }
  const parsed = outboxFileSchema.safeParse(json);
  if (!parsed.success) {
    const hasNoDevice =
      typeof json === 'object' && json !== null && 'format' in json && 'deviceId' in json && json.deviceId === null;
    return { ok: false, message: hasNoDevice ? t.devices.importNoDevice : t.devices.importWrongFile };
  }
  if (parsed.data.ops.length === 0 && parsed.data.blobs.length === 0)
    return { ok: false, message: t.devices.importEmpty };
  return { ok: true, file: parsed.data };
}

export function importSummary(answer: PushAnswer): string {
  const count = (status: PushAnswer['results'][number]['status']) =>
    answer.results.filter((r) => r.status === status).length;
  return t.devices.importSummary(count('applied'), count('duplicate'), count('conflict'), count('rejected'));
}

/** Supervisors and admins (online): devices, what has not arrived from them, retire and revoke. */
export function DevicesPage() {
  const can = useCan();
  const { transport } = useServices();
  const session = useSession();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importState, setImportState] = useState<{ busy: boolean; message: string | null; isError: boolean }>({
    busy: false,
    message: null,
    isError: false,
  });
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

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const picked = input.files?.[0];
    input.value = '';
    if (!token || !picked) return;
    const read = readOutboxFile(await picked.text().catch(() => ''));
    if (!read.ok) {
      setImportState({ busy: false, message: read.message, isError: true });
      return;
    }
    setImportState({ busy: true, message: t.devices.importing, isError: false });
    try {
      const answer = await transport.importOps(token, read.file);
      setImportState({ busy: false, message: importSummary(answer), isError: false });
      await load();
    } catch (e) {
      setImportState({
        busy: false,
        message: errorMessage(e instanceof TransportError ? e.code : 'unexpected'),
        isError: true,
      });
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
      {can('ops.import') && (
        <div className="card">
          <label>
            <strong>{t.devices.importTitle}</strong>
            <span className="muted">{t.devices.importHint}</span>
            <input
              type="file"
              accept="application/json,.json"
              disabled={importState.busy}
              onChange={(e) => void importFile(e)}
            />
          </label>
          {importState.message && (
            <p className={importState.isError ? 'error' : 'muted'} role={importState.isError ? 'alert' : 'status'}>
              {importState.message}
            </p>
          )}
        </div>
      )}
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
    </section>
  );
}
