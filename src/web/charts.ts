/**
 * The one chart library: Apache ECharts, imported piece by piece (bar and line charts, SVG renderer) so the bundle
 * carries only what the workbench draws. Colours are Okabe–Ito (distinguishable with every common colour-vision
 * deficiency); every chart also gets an aria description and, in the views, a table alternative.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { beforeNextView } from './lifecycle';
import { h } from './ui';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

/** Okabe & Ito (2008), black last. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  name: string;
  data: (number | null)[];
  /** Tooltip lines per data point (e.g. the citation). */
  notes?: (string | null)[];
  /**
   * Per data point, why the series breaks there (another publication or basis than the point before); null where it
   * continues. A line chart never joins a point to the one before across a break: the series is drawn in segments, the
   * first point after a break is a diamond, and the reason is in its tooltip.
   */
  breaks?: (string | null)[];
}

/** One drawn piece of a series: its points up to the next break (the rest null), and the series it belongs to. */
interface Segment {
  origin: number;
  name: string;
  data: (number | { value: number; symbol: string; symbolSize: number } | null)[];
}

/** A series cut at its breaks; a series without breaks is one segment. */
function segmentsOf(series: Series, origin: number): Segment[] {
  const starts = [0, ...(series.breaks ?? []).flatMap((reason, index) => (reason && index > 0 ? [index] : []))];
  return starts.map((start, part) => {
    const end = starts[part + 1] ?? series.data.length;
    return {
      origin,
      name: series.name,
      data: series.data.map((value, index) =>
        index < start || index >= end || value === null
          ? null
          : index === start && part > 0
            ? { value, symbol: 'diamond', symbolSize: 12 }
            : value,
      ),
    };
  });
}

export interface ChartSpec {
  /** What the chart shows, read by screen readers (role=img). */
  title: string;
  categories: string[];
  series: Series[];
  kind: 'bar' | 'line';
  /** Horizontal bars (long category names, e.g. countries). */
  horizontal?: boolean;
  format: (value: number) => string;
  /** Value axis maximum (e.g. 100 for shares, 10000 for HHI). */
  max?: number;
  /** Horizontal reference lines on the value axis, e.g. HHI band thresholds. */
  thresholds?: { value: number; label: string }[];
  /** Vertical marks on the category axis (e.g. the year a measure took effect). */
  marks?: { category: string; label: string }[];
  tall?: boolean;
}

const charts = new Set<echarts.ECharts>();
let resizeInstalled = false;

/** Disposes the charts of a view that is being replaced. */
function disposeCharts(): void {
  for (const chart of charts) chart.dispose();
  charts.clear();
}
beforeNextView.add(disposeCharts);

export function chart(spec: ChartSpec): HTMLElement {
  const element = h('div', { class: spec.tall ? 'chart tall' : 'chart', role: 'img', 'aria-label': spec.title });
  // Drawn once the element is in the document (ECharts needs its size).
  queueMicrotask(() => requestAnimationFrame(() => draw(element, spec)));
  return element;
}

function draw(element: HTMLElement, spec: ChartSpec): void {
  if (!element.isConnected) return;
  const instance = echarts.init(element, null, { renderer: 'svg' });
  charts.add(instance);
  // A signal for tests and tools: the width the chart was last drawn at (after the first draw and every resize).
  instance.on('finished', () => {
    element.dataset.drawnWidth = String(element.clientWidth);
  });
  if (!resizeInstalled) {
    resizeInstalled = true;
    window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
  }
  const narrow = element.clientWidth < 480;
  const segments =
    spec.kind === 'line'
      ? spec.series.flatMap(segmentsOf)
      : spec.series.map((series, origin) => ({ origin, name: series.name, data: series.data }));
  // A signal for tests and readers of the DOM: how many breaks the chart draws.
  element.dataset.breaks = String(segments.length - spec.series.length);
  const categoryAxis = {
    type: 'category' as const,
    data: spec.categories,
    axisLabel: {
      // Every label of a bar chart; a time axis (line chart) drops labels that would overlap at narrow widths.
      interval: spec.kind === 'line' ? ('auto' as const) : 0,
      width: narrow ? 70 : 110,
      overflow: 'truncate' as const,
      rotate: !spec.horizontal && spec.categories.length > 5 && narrow ? 35 : 0,
    },
    inverse: spec.horizontal === true,
  };
  const valueAxis = { type: 'value' as const, max: spec.max, axisLabel: { formatter: (value: number) => spec.format(value) } };
  instance.setOption({
    color: PALETTE,
    animation: false,
    aria: { enabled: true, label: { description: spec.title } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 8, right: 24, top: spec.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    legend: spec.series.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: spec.kind === 'bar' ? 'shadow' : 'line' },
      formatter: (params: unknown) => {
        const points = params as {
          seriesIndex: number;
          dataIndex: number;
          seriesName: string;
          value: number | null;
          marker: string;
          axisValueLabel: string;
        }[];
        const head = points[0]?.axisValueLabel ?? '';
        // One line per series: of its segments, the one with a value at this point (or the first, "no data").
        const byOrigin = new Map<number, (typeof points)[number]>();
        for (const point of points) {
          const origin = segments[point.seriesIndex]?.origin ?? point.seriesIndex;
          const seen = byOrigin.get(origin);
          if (!seen || ((seen.value === null || seen.value === undefined) && point.value !== null && point.value !== undefined)) {
            byOrigin.set(origin, point);
          }
        }
        const lines = [...byOrigin].map(([origin, point]) => {
          const value = point.value === null || point.value === undefined ? 'no data' : spec.format(point.value);
          const note = spec.series[origin]?.notes?.[point.dataIndex];
          const seam = spec.series[origin]?.breaks?.[point.dataIndex];
          return `${point.marker}${escapeHtml(point.seriesName)}: <b>${value}</b>${note ? `<br/><small>${escapeHtml(note)}</small>` : ''}${
            seam ? `<br/><small><b>Break:</b> ${escapeHtml(seam)}</small>` : ''
          }`;
        });
        return [`<b>${escapeHtml(head)}</b>`, ...lines].join('<br/>');
      },
    },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: segments.map((segment, index) => ({
      name: segment.name,
      type: spec.kind,
      data: segment.data,
      // Segments of one series share its colour, and its legend entry (by name).
      color: PALETTE[segment.origin % PALETTE.length],
      connectNulls: false,
      symbolSize: 7,
      barMaxWidth: 28,
      label:
        spec.kind === 'bar' && spec.series.length === 1
          ? {
              show: true,
              position: spec.horizontal ? 'right' : 'top',
              formatter: (p: { value: number }) => spec.format(p.value),
              fontSize: 11,
            }
          : undefined,
      markLine:
        index === 0 && (spec.thresholds || spec.marks)
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#57606a', type: 'dashed' },
              label: { formatter: (p: { name: string }) => p.name, position: 'insideEndTop', fontSize: 10 },
              data: [
                ...(spec.thresholds ?? []).map((threshold) =>
                  spec.horizontal ? { xAxis: threshold.value, name: threshold.label } : { yAxis: threshold.value, name: threshold.label },
                ),
                ...(spec.marks ?? []).map((mark) =>
                  spec.horizontal ? { yAxis: mark.category, name: mark.label } : { xAxis: mark.category, name: mark.label },
                ),
              ],
            }
          : undefined,
    })),
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
