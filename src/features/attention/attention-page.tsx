import { useState } from 'react';
import type { OutboxRow } from '../../storage/app-db';
import { MIN_SEAL_PASSWORD_LENGTH } from '../../storage/outbox-seal';
import { makeSealedExport } from '../../storage/sealed-export';
import { ConflictCard } from '../../ui/conflict-card';
import { sealAndDownload, SealedExportForm } from '../../ui/sealed-export-form';
import { formatDateTime } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { useServices } from '../../ui/services';
import { useAttentionOps } from './use-attention';

function messageOf(op: OutboxRow): string {
  // A duplicate carries its first outcome's status in `code` and the reason in `firstCode`.
  const code = op.result?.firstCode ?? op.result?.code;
  if (code && Object.hasOwn(t.opResults, code)) return t.opResults[code as keyof typeof t.opResults];
  // A code this app does not know yet (a newer server): its Vietnamese wire text is all there is.
  return op.result?.message ?? t.attention.unknown;
}

function OpItem({ op }: { op: OutboxRow }) {
  return (
    <li className="card op-item">
      <strong>{t.opTypes[op.type as keyof typeof t.opTypes] ?? op.type}</strong>
      <span className="muted">
        {t.attention.recordedAt} {formatDateTime(Date.parse(String(op.envelope['recordedAt'])))} · #{op.seq}
      </span>
      <span>{messageOf(op)}</span>
    </li>
  );
}

export function AttentionPage() {
  const { db, clock } = useServices();
  const ops = useAttentionOps();

  // The unsent work leaves only sealed with a password (issue 13): it names the people paid.
  const [exporting, setExporting] = useState(false);
  const seal = (password: string, repeat: string) =>
    sealAndDownload(() => makeSealedExport(db, clock.now(), password, repeat), MIN_SEAL_PASSWORD_LENGTH);

  return (
    <section className="attention">
      <h1>{t.attention.title}</h1>
      <GuideLink guide="sync" />
      <p className="muted">{t.attention.intro}</p>
      <h2>{t.attention.rejected}</h2>
      {ops?.rejected.length === 0 && <p className="muted">{t.attention.none}</p>}
      <ul className="plain">
        {ops?.rejected.map((op) => (
          <OpItem key={op.id} op={op} />
        ))}
      </ul>
      <h2>{t.attention.conflicts}</h2>
      {ops?.conflicts.length === 0 && <p className="muted">{t.attention.none}</p>}
      <ul className="plain">
        {ops?.conflicts.map((op) => (
          <OpItem key={op.id} op={op} />
        ))}
      </ul>
      <h2>{t.conflicts.ofCommune}</h2>
      {ops?.communeConflicts.length === 0 && <p className="muted">{t.attention.none}</p>}
      <ul className="plain">
        {ops?.communeConflicts.map((c) => (
          <ConflictCard key={c.id} conflict={c} />
        ))}
      </ul>
      <div className="card">
        <h2>{t.attention.exportTitle}</h2>
        <p>{t.attention.exportIntro}</p>
        {exporting ? (
          <SealedExportForm minLength={MIN_SEAL_PASSWORD_LENGTH} onSeal={seal} onCancel={() => setExporting(false)} />
        ) : (
          <button type="button" onClick={() => setExporting(true)}>
            {t.attention.export}
          </button>
        )}
      </div>
    </section>
  );
}
