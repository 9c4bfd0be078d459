/**
 * A report's table: what every chart is drawn from, its text alternative, and what people copy.
 * Caption, column and row headers, numbers right-aligned; đồng with the app's money formatter.
 * Each table exports itself as `.xlsx` (the spreadsheet library loads on the first click).
 */
import { useState } from 'react';
import { formatAmount, vnd } from '../../domain/money';
import { t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';

export type ColumnKind = 'text' | 'count' | 'money' | 'share';
export type Column = { label: string; kind: ColumnKind };
/** Counts and đồng as integers; a share in tenths of a percent (null: nothing to share). */
export type Cell = string | number | null;
export type TableData = { id: string; caption: string; fileName: string; columns: Column[]; rows: Cell[][] };

const shareFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 375 → "37,5 %". */
export function formatShare(tenths: number | null): string {
  return tenths === null ? '—' : `${shareFormat.format(tenths / 10)} %`;
}

export function formatCell(cell: Cell, kind: ColumnKind): string {
  if (cell === null) return '—';
  if (typeof cell === 'string') return cell;
  if (kind === 'share') return formatShare(cell);
  return formatAmount(vnd(cell));
}

export function ReportTable({ table }: { table: TableData }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const exportIt = () => {
    if (state === 'busy') return;
    setState('busy');
    runAsync(
      async () => {
        const { exportTable } = await import('./export-xlsx');
        await exportTable(table);
        setState('idle');
      },
      () => setState('failed'),
    );
  };
  return (
    <div className="report-table">
      <table id={table.id} data-testid={table.id}>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.label} scope="col" className={c.kind === 'text' ? undefined : 'num'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => {
                const column = table.columns[i] ?? { label: '', kind: 'text' };
                const text = formatCell(cell, column.kind);
                const className = column.kind === 'text' ? undefined : 'num';
                return i === 0 ? (
                  <th key={i} scope="row" className={className}>
                    {text}
                  </th>
                ) : (
                  <td key={i} className={className}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="report-export no-print">
        <button
          type="button"
          onClick={exportIt}
          disabled={state === 'busy'}
          aria-label={t.reports.exportLabel(table.caption)}
        >
          {state === 'busy' ? t.reports.exporting : t.reports.exportXlsx}
        </button>
        {state === 'failed' && (
          <span className="error" role="alert">
            {' '}
            {t.reports.exportFailed}
          </span>
        )}
      </p>
    </div>
  );
}
