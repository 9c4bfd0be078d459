/**
 * (d) Quality: ID checks by how and why not, who received the money, conflicts and voids, and
 * active people whose record fails a domain check.
 */
import { useMemo } from 'react';
import type { ScopeKey } from '../../domain/report-groups';
import { shareTenths } from '../../domain/report-groups';
import { qualityOf } from '../../domain/report-progress';
import type { Quality } from '../../protocol/reports';
import { t } from '../../ui/messages';
import { formatShare, ReportTable, type TableData } from './report-table';

export function QualitySection(props: { quality: Quality; scope: ScopeKey; period: string }) {
  const { quality, scope, period } = props;
  const m = t.reports.quality;
  const q = useMemo(() => qualityOf(quality, scope), [quality, scope]);
  const skip = t.pay.skipReasons as Record<string, string>;
  const receivers = t.receivers as Record<string, string>;
  const tables: TableData[] = [
    {
      id: 'report-id-checks',
      caption: m.idCaption,
      fileName: `bao-cao-kiem-tra-the-${period}`,
      columns: [
        { label: m.how, kind: 'text' },
        { label: m.why, kind: 'text' },
        { label: m.checks, kind: 'count' },
      ],
      rows: q.idChecks.map((c) => [
        m.methods[c.method] ?? c.method,
        c.reason === null ? '—' : (skip[c.reason] ?? c.reason),
        c.checks,
      ]),
    },
    {
      id: 'report-receivers',
      caption: m.receiverCaption,
      fileName: `bao-cao-nguoi-nhan-${period}`,
      columns: [
        { label: m.receiver, kind: 'text' },
        { label: m.lines, kind: 'count' },
      ],
      rows: q.receivers.map((r) => [receivers[r.kind] ?? r.kind, r.lines]),
    },
    {
      id: 'report-disputes',
      caption: m.disputeCaption,
      fileName: `bao-cao-xung-dot-huy-${period}`,
      columns: [
        { label: m.what, kind: 'text' },
        { label: m.count, kind: 'count' },
      ],
      rows: [
        [m.conflicts, q.conflicts],
        [m.voids, q.voids],
      ],
    },
    {
      id: 'report-records',
      caption: m.recordsCaption,
      fileName: `bao-cao-ho-so-${period}`,
      columns: [
        { label: m.what, kind: 'text' },
        { label: m.people, kind: 'count' },
      ],
      rows: [
        [m.activePeople, q.records.people],
        [m.badIdNumber, q.records.badIdNumber],
        [m.noIdNumber, q.records.noIdNumber],
        [m.badPhone, q.records.badPhone],
      ],
    },
  ];
  return (
    <section className="report-section" aria-labelledby="h-quality">
      <h2 id="h-quality">{m.heading}</h2>
      {q.notSelf.den > 0 && <p>{m.notSelf(formatShare(shareTenths(q.notSelf)))}</p>}
      {tables.map((table) => (
        <ReportTable key={table.id} table={table} />
      ))}
    </section>
  );
}
