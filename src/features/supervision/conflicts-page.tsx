import { useState } from 'react';
import { voidReasons, type VoidReason } from '../../domain/vocabulary';
import type { ConflictSide } from '../../protocol/conflicts';
import type { ConflictRow } from '../../storage/app-db';
import { recordOp } from '../../storage/outbox';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useOpContext } from '../../ui/use-op-context';
import { ConflictCard } from '../../ui/conflict-card';
import { useOpenConflicts } from './use-conflicts';

/**
 * Supervisors review conflicts and resolve them with ops (SYNC.md: the server decides): void one
 * of two payments with a reason, or keep one side's roster values.
 */
export function ConflictsPage() {
  const conflicts = useOpenConflicts();
  return (
    <section className="conflicts">
      <h1>{t.conflicts.title}</h1>
      {conflicts?.length === 0 && <p className="muted">{t.conflicts.none}</p>}
      <ul className="plain">
        {conflicts?.map((c) => (
          <ConflictCard key={c.id} conflict={c}>
            <Resolve conflict={c} />
          </ConflictCard>
        ))}
      </ul>
    </section>
  );
}

function Resolve({ conflict }: { conflict: ConflictRow }) {
  const { db, engine } = useServices();
  const ctx = useOpContext();
  const [reason, setReason] = useState<VoidReason>('duplicate');
  const [done, setDone] = useState(false);
  const payments = [conflict.earlier, conflict.incoming].filter((s) => s.kind === 'payment' && s.opId);
  const isRoster = conflict.subject.entity === 'beneficiary';

  async function voidPayment(side: ConflictSide) {
    if (!ctx || !side.opId) return;
    await recordOp(db, ctx, {
      type: 'payment.void',
      entityId: conflict.subject.id,
      payload: { target: 'payment', reason, paymentOpId: side.opId, conflictId: conflict.id },
    });
    setDone(true);
    engine.notifyNewOp();
  }

  async function keepValues(side: ConflictSide) {
    if (!ctx || !side.values) return;
    await recordOp(db, ctx, {
      type: 'beneficiary.update',
      entityId: conflict.subject.id,
      payload: { ...side.values, conflictId: conflict.id },
    });
    setDone(true);
    engine.notifyNewOp();
  }

  if (done) return <p role="status">{t.conflicts.resolvedLocally}</p>;
  return (
    <div className="toolbar">
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
            <button key={side.opId} type="button" className="danger" onClick={() => void voidPayment(side)}>
              {side === conflict.earlier ? t.conflicts.voidEarlier : t.conflicts.voidIncoming}
            </button>
          ))}
        </>
      )}
      {isRoster &&
        [conflict.earlier, conflict.incoming].map((side) => (
          <button key={side === conflict.earlier ? 'e' : 'i'} type="button" onClick={() => void keepValues(side)}>
            {side === conflict.earlier ? t.conflicts.keepEarlier : t.conflicts.keepIncoming}
          </button>
        ))}
    </div>
  );
}
