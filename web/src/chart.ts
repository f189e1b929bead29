// ECharts, tree-shaken to what the views draw, behind one helper: every chart is a <figure> with a heading,
// a text description for screen readers (ECharts' aria), and its data as a table in a <details>.
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './ui';

echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** Okabe–Ito hues darkened so every mark has at least 3:1 contrast on white (WCAG 1.4.11). */
export const PALETTE = [
  '#0b5cad',
  '#b5400c',
  '#00796b',
  '#7b3f98',
  '#8a6d00',
  '#c2185b',
  '#455a64',
  '#2e7d32',
];
export const INK = '#1f2328';
/** Fan-chart bands: the fill, and an opaque swatch of the same look for the legend. */
export const BAND_OUTER = { fill: 'rgba(11, 92, 173, 0.18)', swatch: '#c4d7ec' };
export const BAND_INNER = { fill: 'rgba(11, 92, 173, 0.38)', swatch: '#8eb2d9' };

const live = new Set<echarts.ECharts>();

/** Disposes every chart of the previous view (called on navigation). */
export function disposeCharts(): void {
  for (const chart of live) chart.dispose();
  live.clear();
}

const BASE: ChartOption = {
  color: PALETTE,
  textStyle: {
    color: INK,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: 13,
  },
  grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
  legend: { top: 0, textStyle: { color: INK } },
  tooltip: { trigger: 'axis', confine: true },
};

/**
 * A chart with its data table. The chart starts when its box first has a size (so it works inside views
 * that are built detached and inserted later) and follows the box on resize.
 */
export function chartFigure(options: {
  title: string;
  description: string;
  option: ChartOption;
  table: HTMLElement;
  id?: string;
  height?: number;
}): HTMLElement {
  const box = h('div', { class: 'chart', style: `height:${options.height ?? 320}px`, role: 'img' });
  let chart: echarts.ECharts | undefined;
  const observer = new ResizeObserver(() => {
    if (box.clientWidth === 0) return;
    if (!chart) {
      chart = echarts.init(box, undefined, { renderer: 'canvas' });
      live.add(chart);
      chart.setOption({
        ...BASE,
        aria: { enabled: true, label: { description: `${options.title}. ${options.description}` } },
        animation: !matchMedia('(prefers-reduced-motion: reduce)').matches,
        animationDuration: 300,
        ...options.option,
      });
    } else chart.resize();
  });
  observer.observe(box);
  box.setAttribute('aria-label', `${options.title}. ${options.description}`);
  return h(
    'figure',
    { class: 'card', id: options.id },
    h('h3', {}, options.title),
    h('p', { class: 'figure-note' }, options.description),
    box,
    h('details', {}, h('summary', {}, `Data table: ${options.title}`), options.table),
  );
}

/**
 * Series for a fan chart on a category x axis: the 5–95% and 25–75% bands as stacked areas (lower edge
 * transparent, upper edge the band's width) and the median as a line.
 */
export function fanSeries(
  rows: { p05: number; p25: number; p50: number; p75: number; p95: number }[],
  label: string,
): object[] {
  const band = (name: string, stack: string, lower: number[], upper: number[], color: typeof BAND_OUTER) => [
    {
      name: `${name} lower`,
      type: 'line',
      stack,
      data: lower,
      lineStyle: { opacity: 0 },
      symbol: 'none',
      silent: true,
      tooltip: { show: false },
    },
    {
      name,
      type: 'line',
      stack,
      data: upper.map((value, index) => Math.max(0, value - (lower[index] ?? 0))),
      lineStyle: { opacity: 0 },
      areaStyle: { color: color.fill },
      itemStyle: { color: color.swatch },
      symbol: 'none',
      silent: true,
      tooltip: { show: false },
    },
  ];
  return [
    ...band(
      '90% band (p05–p95)',
      'outer',
      rows.map((r) => r.p05),
      rows.map((r) => r.p95),
      BAND_OUTER,
    ),
    ...band(
      '50% band (p25–p75)',
      'inner',
      rows.map((r) => r.p25),
      rows.map((r) => r.p75),
      BAND_INNER,
    ),
    {
      name: `${label} (median)`,
      type: 'line',
      data: rows.map((r) => r.p50),
      lineStyle: { width: 3, color: PALETTE[0] },
      itemStyle: { color: PALETTE[0] },
      symbolSize: 6,
    },
  ];
}
