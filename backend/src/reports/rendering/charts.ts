import * as echarts from 'echarts';
import { REPORT_FONT } from './render-pdf';

/**
 * Charts for reports, drawn by ECharts' server-side SVG renderer (no DOM, no canvas) and embedded in
 * the PDF as vector graphics by pdfmake's `svg` node. Text in the SVG uses the report font, so
 * Chinese labels render and stay searchable.
 */

export const CHART_COLOURS = ['#1f3a5f', '#2a7f8e', '#c58b2a', '#8c4a5d', '#6b7b8c'];

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface BarChartInput {
  categories: string[];
  series: ChartSeries[];
  width: number;
  height: number;
  /** Bars run left to right with categories down the side (for long names such as jurisdictions). */
  horizontal?: boolean;
  /** Show each bar's value. */
  labels?: boolean;
}

export interface LineChartInput {
  categories: string[];
  series: ChartSeries[];
  width: number;
  height: number;
}

const TEXT = { fontFamily: REPORT_FONT, fontSize: 9, color: '#333333' };

function render(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: CHART_COLOURS, textStyle: TEXT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function legend(series: ChartSeries[]): object | undefined {
  return series.length > 1 ? { top: 0, left: 'center', itemWidth: 12, itemHeight: 8, textStyle: TEXT } : undefined;
}

export function barChartSvg(input: BarChartInput): string {
  const categoryAxis = {
    type: 'category',
    data: input.categories,
    axisTick: { show: false },
    axisLabel: { ...TEXT, interval: 0, hideOverlap: false, ...(input.horizontal ? { width: 90, overflow: 'truncate' } : { rotate: input.categories.length > 14 ? 35 : 0 }) },
    axisLine: { lineStyle: { color: '#8a8f98' } },
    ...(input.horizontal ? { inverse: true } : {}),
  };
  const valueAxis = { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: { lineStyle: { color: '#e3e6ea' } } };
  return render(input.width, input.height, {
    legend: legend(input.series),
    grid: { left: 8, right: 24, top: input.series.length > 1 ? 28 : 12, bottom: 8, containLabel: true },
    xAxis: input.horizontal ? valueAxis : categoryAxis,
    yAxis: input.horizontal ? categoryAxis : valueAxis,
    series: input.series.map((series) => ({
      type: 'bar',
      name: series.name,
      data: series.values,
      barMaxWidth: 28,
      label: input.labels ? { show: true, position: input.horizontal ? 'right' : 'top', ...TEXT, fontSize: 8 } : { show: false },
    })),
  });
}

export function lineChartSvg(input: LineChartInput): string {
  return render(input.width, input.height, {
    legend: legend(input.series),
    grid: { left: 8, right: 24, top: input.series.length > 1 ? 28 : 12, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: input.categories, boundaryGap: false, axisLabel: { ...TEXT, interval: 0, rotate: input.categories.length > 14 ? 35 : 0 }, axisLine: { lineStyle: { color: '#8a8f98' } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: TEXT, splitLine: { lineStyle: { color: '#e3e6ea' } } },
    series: input.series.map((series) => ({ type: 'line', name: series.name, data: series.values, symbolSize: 5, lineStyle: { width: 2 } })),
  });
}
