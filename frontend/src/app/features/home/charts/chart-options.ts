import type { EChartsCoreOption } from 'echarts/core';

/** One named row of numbers, one number per category. Names arrive translated. */
export interface ChartSeries {
  name: string;
  values: number[];
  color?: string;
}

export interface ChartSlice {
  name: string;
  value: number;
  color?: string;
}

/** A chart as data: its options for ECharts and the same figures as a sentence for screen readers. */
export interface ChartSpec {
  options: EChartsCoreOption;
  summary: string;
}

// The dashboard's own font stack (styles.scss), so Chinese labels render with a CJK font.
const FONT =
  "'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const TEXT_COLOR = '#44474e';
const LINE_COLOR = '#c4c6d0';
const BASE = {
  textStyle: { fontFamily: FONT, color: TEXT_COLOR },
  animationDuration: 300,
};
// Axis labels inside the chart's box (ECharts otherwise lets long category names spill out of it).
const GRID = {
  left: 8,
  right: 24,
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
};
const AXIS_LABEL = { color: TEXT_COLOR, hideOverlap: true };
const VALUE_AXIS = {
  type: 'value',
  minInterval: 1,
  axisLabel: AXIS_LABEL,
  splitLine: { lineStyle: { color: LINE_COLOR, type: 'dashed' } },
};

/** "Open 3, Sighted 1" (one series) or "Files opened: Jan 2, Feb 0; Reunited: Jan 1, Feb 1". */
export function describeSeries(
  categories: readonly string[],
  series: readonly ChartSeries[],
): string {
  const part = (s: ChartSeries) =>
    categories.map((c, i) => `${c} ${s.values[i] ?? 0}`).join(', ');
  if (series.length === 1) return part(series[0]);
  return series.map((s) => `${s.name}: ${part(s)}`).join('; ');
}

export interface BarOptions {
  /** Bars along the vertical axis: for long category names (jurisdictions), read top to bottom as given. */
  horizontal?: boolean;
  /** One colour per category (a single series coloured by status). */
  categoryColors?: readonly string[];
}

/** Bars per category; several series side by side. */
export function barChart(
  categories: readonly string[],
  series: readonly ChartSeries[],
  { horizontal = false, categoryColors }: BarOptions = {},
): ChartSpec {
  const inOrder = <T>(values: readonly T[]) =>
    horizontal ? [...values].reverse() : [...values];
  const categoryAxis = {
    type: 'category',
    data: inOrder(categories),
    axisLabel: {
      ...AXIS_LABEL,
      interval: 0,
      ...(horizontal ? {} : { width: 90, overflow: 'truncate' }),
    },
    axisTick: { show: false },
    axisLine: { lineStyle: { color: LINE_COLOR } },
  };
  return {
    options: {
      ...BASE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend:
        series.length > 1
          ? { top: 0, textStyle: { color: TEXT_COLOR } }
          : undefined,
      grid: { ...GRID, top: series.length > 1 ? 40 : 24 },
      xAxis: horizontal ? VALUE_AXIS : categoryAxis,
      yAxis: horizontal ? categoryAxis : VALUE_AXIS,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: inOrder(
          s.values.map((value, i) =>
            categoryColors?.[i]
              ? { value, itemStyle: { color: categoryColors[i] } }
              : value,
          ),
        ),
        barMaxWidth: 36,
        itemStyle: {
          color: s.color,
          borderRadius: horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0],
        },
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: TEXT_COLOR,
        },
      })),
    },
    summary: describeSeries(categories, series),
  };
}

/** Lines over time (months), one per series. */
export function trendChart(
  periods: readonly string[],
  series: readonly ChartSeries[],
): ChartSpec {
  return {
    options: {
      ...BASE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: TEXT_COLOR } },
      grid: { ...GRID, top: 40 },
      xAxis: {
        type: 'category',
        data: [...periods],
        boundaryGap: false,
        axisLabel: AXIS_LABEL,
        axisLine: { lineStyle: { color: LINE_COLOR } },
      },
      yAxis: VALUE_AXIS,
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: [...s.values],
        symbolSize: 6,
        lineStyle: { width: 2, color: s.color },
        itemStyle: { color: s.color },
      })),
    },
    summary: describeSeries(periods, series),
  };
}

/** A ring of shares with the total in the middle. Empty slices are left out. */
export function donutChart(
  slices: readonly ChartSlice[],
  totalLabel: string,
): ChartSpec {
  const shown = slices.filter((s) => s.value > 0);
  const total = shown.reduce((sum, s) => sum + s.value, 0);
  return {
    options: {
      ...BASE,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, textStyle: { color: TEXT_COLOR } },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          // The total in the hole, drawn once (by the first slice) rather than once per slice.
          label: {
            show: false,
            position: 'center',
            formatter: () => `${total}\n${totalLabel}`,
            fontSize: 16,
            lineHeight: 22,
            color: TEXT_COLOR,
          },
          labelLine: { show: false },
          emphasis: { scale: false },
          data: shown.map((s, i) => ({
            name: s.name,
            value: s.value,
            itemStyle: { color: s.color },
            label: { show: i === 0 },
          })),
        },
      ],
    },
    summary: `${totalLabel} ${total}: ${shown.map((s) => `${s.name} ${s.value}`).join(', ')}`,
  };
}
