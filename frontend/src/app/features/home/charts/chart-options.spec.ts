import {
  barChart,
  describeSeries,
  donutChart,
  trendChart,
} from './chart-options';

interface Axis {
  type: string;
  data?: string[];
}
interface Series {
  type: string;
  name?: string;
  data: unknown[];
}

describe('chart options', () => {
  it('draws one bar per category with the translated names, and says the same in words', () => {
    const { options, summary } = barChart(
      ['Open', 'Sighted'],
      [{ name: 'My open files', values: [3, 1] }],
      { categoryColors: ['#c00', '#d90'] },
    );
    expect((options['xAxis'] as Axis).data).toEqual(['Open', 'Sighted']);
    const series = options['series'] as Series[];
    expect(series[0].data).toEqual([
      { value: 3, itemStyle: { color: '#c00' } },
      { value: 1, itemStyle: { color: '#d90' } },
    ]);
    expect(options['legend']).toBeUndefined();
    expect(summary).toBe('Open 3, Sighted 1');
  });

  it('lists horizontal bars top to bottom in the order given (ECharts draws the first category at the bottom)', () => {
    const { options } = barChart(
      ['太和县', '临泉县'],
      [{ name: '新立案件', values: [5, 2] }],
      { horizontal: true },
    );
    expect((options['yAxis'] as Axis).data).toEqual(['临泉县', '太和县']);
    expect((options['series'] as Series[])[0].data).toEqual([2, 5]);
    expect((options['xAxis'] as Axis).type).toBe('value');
  });

  it('draws one line per series over the periods, with a legend', () => {
    const { options, summary } = trendChart(
      ['Jan 2026', 'Feb 2026'],
      [
        { name: 'Files opened', values: [2, 0] },
        { name: 'Reunited', values: [0, 1] },
      ],
    );
    expect(
      (options['series'] as Series[]).map((s) => [s.type, s.name, s.data]),
    ).toEqual([
      ['line', 'Files opened', [2, 0]],
      ['line', 'Reunited', [0, 1]],
    ]);
    expect(options['legend']).toBeDefined();
    expect(summary).toBe(
      'Files opened: Jan 2026 2, Feb 2026 0; Reunited: Jan 2026 0, Feb 2026 1',
    );
  });

  it('leaves empty slices out of a donut and puts the total in its hole', () => {
    const { options, summary } = donutChart(
      [
        { name: 'Open', value: 4 },
        { name: 'Closed', value: 0 },
        { name: 'Reunited', value: 2 },
      ],
      'files',
    );
    const pie = (
      options['series'] as (Series & { label: { formatter: () => string } })[]
    )[0];
    expect(pie.data.map((d) => (d as { name: string }).name)).toEqual([
      'Open',
      'Reunited',
    ]);
    expect(pie.label.formatter()).toBe('6\nfiles');
    expect(summary).toBe('files 6: Open 4, Reunited 2');
  });

  it('describes a missing value as zero', () => {
    expect(describeSeries(['A', 'B'], [{ name: 'x', values: [1] }])).toBe(
      'A 1, B 0',
    );
  });
});
