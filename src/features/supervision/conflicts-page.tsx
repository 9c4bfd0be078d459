import { useState } from 'react';
import { voidReasons, type VoidReason } from '../../domain/vocabulary';
import type { ConflictSide } from '../../protocol/conflicts';
import type { ConflictRow } from '../../storage/app-db';
import { keptValuesPayload, opOwningFields } from '../../domain/beneficiary-ops';
import type { PayloadInput } from '../../protocol/op-registry';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { recordErrorMessage } from '../../ui/record-error';
import { useCan } from '../../ui/use-can';
import { useRecordOp } from '../../ui/use-record-op';
import { readPerson } from '../../storage/roster-pages';
import { useServices } from '../../ui/services';
import { ConflictCard } from '../../ui/conflict-card';
import {
  useLocalResolutions,
  useRefreshWhenAnswered,
  useSupervisorConflicts,
  useVillages,
  type LocalResolution,
  type SupervisorConflicts,
} from './use-conflicts';

/**
 * Supervisors review conflicts and resolve them with ops (docs/protocol.md: the server decides): void one
 * of two payments with a reason, or keep one side's roster values. Online the list is the
 * server's (`GET /api/conflicts`), asked again once a resolution has been answered; offline it
 * is the conflicts pulled into this device, marked as possibly out of date.
 */
export function ConflictsPage() {
  const { view, reload, retry } = useSupervisorConflicts();
  const resolutions = useLocalResolutions();
  const conflicts = view.rows;
  const villages = useVillages(conflicts?.flatMap((c) => (c.beneficiaryId ? [c.beneficiaryId] : [])) ?? []);
  const awaitAnswer = useRefreshWhenAnswered(view.source === 'offline' ? null : reload);

  return (
    <section className="conflicts" aria-busy={view.source === 'loading'}>
      <h1>{t.conflicts.title}</h1>
      <SourceNote view={view} onRetry={retry} />
      {conflicts?.length === 0 && <p className="muted">{t.conflicts.none}</p>}
      <ul className="plain">
        {conflicts?.map((c) => (
          <ConflictCard key={c.id} conflict={c}>
            <div className="conflict-resolve" data-conflict-id={c.id}>
              <p className="muted">
                {t.conflicts.village}: {(c.beneficiaryId && villages?.get(c.beneficiaryId)) || '—'}
              </p>
              <Resolve conflict={c} resolution={resolutions?.get(c.id)} onRecorded={awaitAnswer} />
            </div>
          </ConflictCard>
        ))}
      </ul>
    </section>
  );
}

function SourceNote({ view, onRetry }: { view: SupervisorConflicts; onRetry: () => void }) {
  switch (view.source) {
    case 'loading':
      return (
        <p className="muted" role="status">
          {t.conflicts.loading}
        </p>
      );
    case 'server':
      return (
        <p className="muted" data-testid="conflicts-source">
          {t.conflicts.fromServer(formatDateTime(view.loadedAt))}
        </p>
      );
    case 'offline':
      return (
        <p className="warning" role="status" data-testid="conflicts-source">
          {t.conflicts.offlineNote}
        </p>
      );
    case 'error':
      return (
        <>
          <div className="error toolbar" role="alert">
            <span>{t.conflicts.loadFailed(errorMessage(view.errorCode))}</span>
            <button type="button" onClick={onRetry}>
              {t.conflicts.retry}
            </button>
          </div>
          <p className="warning" data-testid="conflicts-source">
            {t.conflicts.localNote}
          </p>
        </>
      );
  }
}

/**
 * The resolve actions, recorded as ops through the outbox. Once recorded the card says so until
 * the refreshed list drops the conflict; a rejected resolution shows the actions again.
 */
function Resolve({
  conflict,
  resolution,
  onRecorded,
}: {
  conflict: ConflictRow;
  resolution: LocalResolution | undefined;
  /** Told the id of the op just recorded. */
  onRecorded: (opId: string) => void;
}) {
  const { isReady, record } = useRecordOp();
  const { db } = useServices();
  const can = useCan();
  const [reason, setReason] = useState<VoidReason>('duplicate');
  const [recorded, setRecorded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const payments = can('payment.void', conflict.communeCode)
    ? [conflict.earlier, conflict.incoming].filter((s) => s.kind === 'payment' && s.opId)
    : [];
  // A roster conflict's fields belong to the one op that raised it; its values are kept with it.
  const keepWith =
    conflict.subject.entity === 'beneficiary' && can('conflicts.resolve', conflict.communeCode)
      ? opOwningFields(conflict.fields)
      : null;

  function done(result: Awaited<ReturnType<typeof record>>) {
    setFailure(result.ok ? null : recordErrorMessage(result.error));
    if (!result.ok) return;
    setRecorded(true);
    onRecorded(result.value.id);
  }

  async function voidPayment(side: ConflictSide) {
    if (!side.opId) return;
    const payload = { target: 'payment' as const, reason, paymentOpId: side.opId, conflictId: conflict.id };
    done(await record('payment.void', conflict.subject.id, payload));
  }

  async function keepValues(side: ConflictSide) {
    if (!side.values || !keepWith) return;
    // The side holds only the fields that conflicted: the op's others come from the person now.
    const current = (await readPerson(db, conflict.subject.id)) ?? {};
    const payload = { ...keptValuesPayload(keepWith, side.values, current), conflictId: conflict.id };
    // The values come from a pulled conflict: recordOp validates them with the registry's schema.
    done(await record(keepWith, conflict.subject.id, payload as PayloadInput<typeof keepWith>));
  }

  if (resolution === 'pending' || (recorded && resolution !== 'rejected'))
    return <p role="status">{t.conflicts.resolvedLocally}</p>;
  return (
    <div className="toolbar">
      {resolution === 'rejected' && (
        <p className="error" role="alert">
          {t.conflicts.resolveRejected}
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {payments.length > 0 && (
        <>
          <label htmlFor={`reason-${conflict.id}`}>{t.conflicts.reason}</label>
          <select id={`reason-${conflict.id}`} value={reason} onChange={(e) => setReason(e.target.value as VoidReason)}>
            {voidReasons.map((r) => (
              <option key={r} value={r}>
                {t.voidReasons[r]}
              </option>
            ))}
          </select>
          {payments.map((side) => (
            <button
              key={side.opId}
              type="button"
              className="danger"
              disabled={!isReady}
              onClick={() => void voidPayment(side)}
            >
              {side === conflict.earlier ? t.conflicts.voidEarlier : t.conflicts.voidIncoming}
            </button>
          ))}
        </>
      )}
      {keepWith &&
        [conflict.earlier, conflict.incoming].map((side) => (
          <button
            key={side === conflict.earlier ? 'e' : 'i'}
            type="button"
            disabled={!isReady}
            onClick={() => void keepValues(side)}
          >
            {side === conflict.earlier ? t.conflicts.keepEarlier : t.conflicts.keepIncoming}
          </button>
        ))}
    </div>
  );
}
