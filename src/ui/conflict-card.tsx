import { formatVnd } from '../domain/money';
import type { ConflictSide } from '../protocol/conflicts';
import type { ConflictRow } from '../storage/app-db';
import { formatDateTime } from './format';
import { t } from './messages';

function Side({ title, side }: { title: string; side: ConflictSide }) {
  return (
    <div className="side">
      <h3>
        {title}
        {side.isCurrent ? ` (${t.conflicts.current})` : ''}
      </h3>
      <p>
        {side.userName ?? '—'} · {side.deviceName ?? '—'}
      </p>
      <p className="muted">
        {t.conflicts.recordedAt}: {side.recordedAt ? formatDateTime(Date.parse(side.recordedAt)) : '—'} ·{' '}
        {t.conflicts.receivedAt}: {side.receivedAt ? formatDateTime(Date.parse(side.receivedAt)) : '—'}
      </p>
      {side.amount !== undefined && <p>{formatVnd(side.amount)}</p>}
      {side.receiver && (
        <p>
          {t.receivers[side.receiver.kind as keyof typeof t.receivers] ?? side.receiver.kind}
          {side.receiver.fullName ? `: ${side.receiver.fullName}` : ''}
        </p>
      )}
      {side.values && <pre className="values">{JSON.stringify(side.values, null, 1)}</pre>}
      {side.reason && <p>{side.reason}</p>}
    </div>
  );
}

/** Both sides of a conflict: who, on which device, when (device and server clocks), what. */
export function ConflictCard({ conflict, children }: { conflict: ConflictRow; children?: React.ReactNode }) {
  return (
    <li className="card conflict" data-testid="conflict">
      <strong>
        {conflict.beneficiaryName ?? conflict.subject.id} · {conflict.communeName ?? conflict.communeCode}
      </strong>
      <span>{t.opResults[conflict.code]}</span>
      <div className="sides">
        <Side title={t.conflicts.earlier} side={conflict.earlier} />
        <Side title={t.conflicts.incoming} side={conflict.incoming} />
      </div>
      {children}
    </li>
  );
}
