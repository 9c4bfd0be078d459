/**
 * A chart in a figure, described by its table (the text alternative: `aria-describedby` names the
 * table's id). The drawing module loads after the screen; the chart follows its box's width (a
 * 360-px phone) and is redrawn at the printed page's width before printing.
 */
import { useEffect, useRef } from 'react';
import { t } from '../../ui/messages';
import type { LineSpec } from './line-chart';

/** About the width of an A4 page's text at 96 dpi, with 15 mm margins. */
const PRINT_WIDTH = 680;

export function ReportChart(props: { title: string; tableId: string; spec: LineSpec }) {
  const { title, tableId, spec } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let live = true;
    let chart: { resize: (w: number) => void; destroy: () => void } | null = null;
    const width = () => Math.max(280, el.clientWidth || 320);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart?.resize(width()));
    const beforePrint = () => chart?.resize(PRINT_WIDTH);
    const afterPrint = () => chart?.resize(width());
    void import('./line-chart').then(({ drawLines }) => {
      if (!live) return;
      chart = drawLines(el, spec, width());
      observer?.observe(el);
    });
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      live = false;
      observer?.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      chart?.destroy();
    };
  }, [spec]);
  return (
    <figure className="report-chart" aria-describedby={tableId}>
      <figcaption>
        {title} <span className="muted">{t.reports.chartNote}</span>
      </figcaption>
      <div ref={box} className="chart-box" role="img" aria-label={title} data-testid="chart" />
    </figure>
  );
}
