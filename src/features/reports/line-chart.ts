/**
 * Line charts of the reports, drawn with uPlot (https://github.com/leeoniya/uPlot, MIT).
 *
 * Why uPlot: of the small maintained libraries that install without binaries on Node 20 and bundle
 * with vite, it is the smallest that draws lines and bars well. Measured minified + gzip with
 * esbuild: uPlot 1.6.32 about 23 KB (+1 KB CSS); Chart.js 4.6 with only the bar and line pieces
 * registered about 62 KB; frappe-charts 1.6.2 about 19 KB but without a stable release since 2021.
 * uPlot draws no horizontal bars, so the funnel is CSS bars (funnel-section.tsx), which print sharp.
 * This module is imported only by the reports screen, after it has loaded.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type LineSeries = { label: string; values: (number | null)[]; color: string; scale?: 'share'; dash?: boolean };
export type LineSpec = { labels: string[]; series: LineSeries[]; stepped?: boolean };

/** Draws the chart into `into`; answers a function that resizes it and one that removes it. */
export function drawLines(
  into: HTMLElement,
  spec: LineSpec,
  width: number,
): { resize: (w: number) => void; destroy: () => void } {
  const hasShare = spec.series.some((s) => s.scale === 'share');
  const x = spec.labels.map((_, i) => i);
  const stepped = uPlot.paths.stepped;
  const options: uPlot.Options = {
    width,
    height: 220,
    scales: { x: { time: false }, n: { range: (_u, _min, max) => [0, Math.max(1, max)] }, share: { range: [0, 100] } },
    series: [
      { label: '', value: (_u, i) => (i === null ? '' : (spec.labels[i] ?? '')) },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        scale: s.scale ?? 'n',
        ...(s.dash ? { dash: [6, 4] } : {}),
        ...(spec.stepped && stepped ? { paths: stepped({ align: 1 }) } : {}),
      })),
    ],
    axes: [
      {
        incrs: [1, 2, 3, 4, 6, 12],
        values: (_u, splits) => splits.map((i) => spec.labels[i] ?? ''),
      },
      { scale: 'n', size: 56, values: (_u, splits) => splits.map((v) => v.toLocaleString('vi-VN')) },
      ...(hasShare
        ? [
            {
              scale: 'share',
              side: 1,
              size: 44,
              grid: { show: false },
              values: (_u: uPlot, s: number[]) => s.map((v) => `${v} %`),
            },
          ]
        : []),
    ],
    legend: { live: false },
    cursor: { show: false },
  };
  const chart = new uPlot(options, [x, ...spec.series.map((s) => s.values)], into);
  return {
    resize: (w) => chart.setSize({ width: w, height: 220 }),
    destroy: () => chart.destroy(),
  };
}
