import type { Content, ContentTable, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { barChartSvg, lineChartSvg } from './charts';
import { displayChildName } from './child-initials';
import type { ReportFormat } from './format';
import { FILE_STATUSES, type ReportLabels } from './i18n';
import { REPORT_FONT } from './render-pdf';
import { rollUpJurisdictions } from './roll-up';
import type { ChildNameMode, JurisdictionFiguresRow, JurisdictionRef, ReportChild, ReportRescue, SummaryFigures, TrendPoint } from './types';

/** Shared layout of the reports: A4 portrait, 515 pt of usable width. */
export const CONTENT_WIDTH = 515;
const NAVY = '#1f3a5f';
const GREY = '#5f6670';
const RULE = '#c9ced6';
/** Marks a sub-row in a figure table (printed indented). */
const INDENT = '\u0000';

export interface ReportContext {
  labels: ReportLabels;
  format: ReportFormat;
}

export function jurisdictionName(ref: JurisdictionRef, context: ReportContext): string {
  return context.format.language === 'en' ? ref.nameEn || ref.name : ref.name;
}

/** Page furniture and styles shared by every report. */
export function documentShell(
  context: ReportContext,
  meta: { title: string; subtitle: string; generatedAt: Date },
  content: Content[],
): TDocumentDefinitions {
  const { labels, format } = context;
  return {
    pageSize: 'A4',
    pageMargins: [40, 60, 40, 50],
    language: format.language,
    info: { title: `${meta.title} — ${meta.subtitle}`, subject: labels.confidential, creator: 'Homeward', producer: 'Homeward' },
    defaultStyle: { font: REPORT_FONT, fontSize: 9, lineHeight: 1.2, color: '#1d232b' },
    styles: {
      coverTitle: { fontSize: 26, bold: true, color: NAVY },
      coverSubtitle: { fontSize: 16, color: '#1d232b' },
      h1: { fontSize: 14, bold: true, color: NAVY, margin: [0, 14, 0, 6] },
      h2: { fontSize: 10.5, bold: true, color: NAVY, margin: [0, 6, 0, 3] },
      note: { fontSize: 8, color: GREY },
      tableHeader: { bold: true, fontSize: 8.5, color: '#ffffff', fillColor: NAVY },
      figure: { bold: true, alignment: 'right' },
    },
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            margin: [40, 22, 40, 0],
            stack: [
              {
                columns: [
                  { text: `${meta.title} · ${meta.subtitle}`, style: 'note', width: '*' },
                  { text: labels.confidential, style: 'note', bold: true, color: '#9b1c1c', alignment: 'right', width: 'auto' },
                ],
              },
              { canvas: [{ type: 'line', x1: 0, y1: 4, x2: CONTENT_WIDTH, y2: 4, lineWidth: 0.5, lineColor: RULE }] },
            ],
          },
    footer: (currentPage: number, pageCount: number) => ({
      margin: [40, 14, 40, 0],
      columns: [
        { text: `${labels.generatedAt}: ${format.moment(meta.generatedAt)}`, style: 'note', width: '*' },
        { text: labels.page(currentPage, pageCount), style: 'note', alignment: 'right', width: 'auto' },
      ],
    }),
    content,
  };
}

export function coverPage(
  context: ReportContext,
  cover: { title: string; subtitle: string; facts: [string, string][]; goals?: string | null; notes: string[] },
): Content[] {
  const { labels } = context;
  return [
    {
      table: { widths: ['*'], body: [[{ text: labels.confidential, bold: true, color: '#9b1c1c', alignment: 'center', margin: [0, 4, 0, 4] }]] },
      layout: { hLineColor: () => '#9b1c1c', vLineColor: () => '#9b1c1c', hLineWidth: () => 1, vLineWidth: () => 1 },
      margin: [0, 0, 0, 120],
    },
    { text: cover.title, style: 'coverTitle' },
    { text: cover.subtitle, style: 'coverSubtitle', margin: [0, 8, 0, 28] },
    {
      table: {
        widths: [110, '*'],
        body: cover.facts.map(([label, value]) => [{ text: label, color: GREY }, { text: value, bold: true }]),
      },
      layout: { hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === node.table.body.length ? 1 : 0.5), vLineWidth: () => 0, hLineColor: () => RULE, paddingTop: () => 5, paddingBottom: () => 5 },
    },
    ...(cover.goals ? [{ text: labels.goals, style: 'h2', margin: [0, 18, 0, 3] } as Content, { text: cover.goals }] : []),
    { stack: cover.notes.map((note) => ({ text: note, style: 'note', margin: [0, 2, 0, 0] })), margin: [0, 24, 0, 0], pageBreak: 'after' },
  ];
}

function figureTable(rows: [string, string][], title: string): Content {
  return {
    stack: [
      { text: title, style: 'h2' },
      {
        table: {
          widths: ['*', 70],
          body: rows.map(([label, value]) =>
            label.startsWith(INDENT)
              ? [{ text: label.slice(INDENT.length), margin: [12, 0, 0, 0] as [number, number, number, number], color: GREY }, { text: value, style: 'figure', bold: false }]
              : [{ text: label }, { text: value, style: 'figure' }],
          ),
        },
        layout: { hLineWidth: (i: number) => (i === 0 ? 0 : 0.5), vLineWidth: () => 0, hLineColor: () => RULE, paddingTop: () => 3, paddingBottom: () => 3 },
      },
    ],
    margin: [0, 0, 0, 8],
  };
}

export function summarySection(figures: SummaryFigures, context: ReportContext): Content[] {
  const { labels, format } = context;
  const n = (value: number) => format.count(value);
  const days = (value: number | null) => (value === null ? '—' : labels.days(format.oneDecimal(value)));
  const files: [string, string][] = [
    [labels.filesOpened, n(figures.filesOpened)],
    [labels.filesClosed, n(figures.filesClosed)],
    ...FILE_STATUSES.map((status): [string, string] => [`${INDENT}${labels.status[status]}`, n(figures.filesByStatus[status] ?? 0)]),
  ];
  const sightings: [string, string][] = [
    [labels.sightingsReceived, n(figures.sightingsReceived)],
    [labels.sightingsLinked, n(figures.sightingsLinked)],
    [labels.sightingsDismissed, n(figures.sightingsDismissed)],
  ];
  const rescues: [string, string][] = [
    [labels.rescues, n(figures.rescues)],
    [labels.childrenRecoveredIdentified, n(figures.childrenRecoveredIdentified)],
    [labels.childrenRecoveredUnidentified, n(figures.childrenRecoveredUnidentified)],
    [labels.suspectsDetained, n(figures.suspectsDetained)],
  ];
  const outcomes: [string, string][] = [
    [labels.reunited, n(figures.reunited)],
    [labels.medianDaysMissingToFound, days(figures.medianDaysMissingToFound)],
    [labels.medianDaysFoundToReunited, days(figures.medianDaysFoundToReunited)],
    [labels.dnaMatchesConfirmed, n(figures.dnaMatchesConfirmed)],
  ];
  return [
    { text: labels.summary, style: 'h1', margin: [0, 0, 0, 6] },
    {
      columns: [
        { width: '*', stack: [figureTable(rescues, labels.groupRescues), figureTable(outcomes, labels.groupOutcomes)] },
        { width: '*', stack: [figureTable(files, labels.groupFiles), figureTable(sightings, labels.groupSightings)] },
      ],
      columnGap: 20,
    },
  ];
}

export function chartsSection(
  input: { figures: SummaryFigures; trend: TrendPoint[]; jurisdictions: JurisdictionFiguresRow[] },
  context: ReportContext,
): Content[] {
  const { labels, format } = context;
  const content: Content[] = [{ text: labels.charts, style: 'h1', pageBreak: 'before' }];
  if (input.trend.length > 0) {
    const trend = {
      categories: input.trend.map((point) => format.trendLabel(point.period)),
      series: [
        { name: labels.filesOpened, values: input.trend.map((point) => point.filesOpened) },
        { name: labels.sightingsReceived, values: input.trend.map((point) => point.sightingsReceived) },
        { name: labels.childrenRecovered, values: input.trend.map((point) => point.childrenRecovered) },
        { name: labels.reunited, values: input.trend.map((point) => point.reunited) },
      ],
      width: CONTENT_WIDTH,
      height: 210,
    };
    content.push(
      { text: labels.chartTrend, style: 'h2' },
      { svg: input.trend.length > 1 ? lineChartSvg(trend) : barChartSvg({ ...trend, labels: true }), width: CONTENT_WIDTH },
    );
  }
  // Children recovered in the top-level jurisdictions' children (the level below the report's own).
  const rolled = rollUpJurisdictions(input.jurisdictions);
  const topDepth = rolled.some((entry) => entry.depth === 1) ? 1 : 0;
  const byJurisdiction = rolled
    .filter((entry) => entry.depth === topDepth)
    .sort((a, b) => b.totals.childrenRecovered - a.totals.childrenRecovered)
    .slice(0, 10);
  const half = (CONTENT_WIDTH - 15) / 2;
  const status = FILE_STATUSES.map((key) => input.figures.filesByStatus[key] ?? 0);
  content.push({
    unbreakable: true,
    margin: [0, 12, 0, 0],
    columns: [
      {
        width: half,
        stack: [
          { text: labels.chartByStatus, style: 'h2' },
          barChartSvg({ categories: FILE_STATUSES.map((key) => labels.status[key]), series: [{ name: labels.filesByStatus, values: status }], width: half, height: 200, horizontal: true, labels: true }),
        ].map((item) => (typeof item === 'string' ? { svg: item, width: half } : item)),
      },
      {
        width: half,
        stack:
          byJurisdiction.length === 0
            ? [{ text: labels.chartByJurisdiction, style: 'h2' }, { text: labels.noData, style: 'note' }]
            : [
                { text: labels.chartByJurisdiction, style: 'h2' },
                {
                  svg: barChartSvg({
                    categories: byJurisdiction.map((entry) => jurisdictionName(entry.row, context)),
                    series: [{ name: labels.childrenRecovered, values: byJurisdiction.map((entry) => entry.totals.childrenRecovered) }],
                    width: half,
                    height: 200,
                    horizontal: true,
                    labels: true,
                  }),
                  width: half,
                },
              ],
      },
    ],
    columnGap: 15,
  });
  return content;
}

function headerRow(texts: string[], alignRightFrom: number): TableCell[] {
  return texts.map((text, i) => ({ text, style: 'tableHeader', alignment: i >= alignRightFrom ? 'right' : 'left' }));
}

const zebra = {
  fillColor: (row: number) => (row > 0 && row % 2 === 0 ? '#f3f5f8' : null),
  hLineWidth: (i: number, node: ContentTable) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export function jurisdictionSection(rows: JurisdictionFiguresRow[], context: ReportContext): Content[] {
  const { labels, format } = context;
  const content: Content[] = [
    { text: labels.byJurisdiction, style: 'h1', pageBreak: 'before' },
    { text: labels.byJurisdictionNote, style: 'note', margin: [0, 0, 0, 6] },
  ];
  const rolled = rollUpJurisdictions(rows);
  if (rolled.length === 0) return [...content, { text: labels.noData, style: 'note' }];
  const body: TableCell[][] = [
    headerRow([labels.jurisdiction, labels.filesOpened, labels.filesClosed, labels.rescues, labels.childrenRecovered, labels.reunited, labels.suspectsDetained], 1),
    ...rolled.map(({ row, depth, totals }) => [
      { text: jurisdictionName(row, context), margin: [depth * 10, 0, 0, 0] as [number, number, number, number], bold: depth === 0 },
      ...[totals.filesOpened, totals.filesClosed, totals.rescues, totals.childrenRecovered, totals.reunited, totals.suspectsDetained].map((value) => ({
        text: format.count(value),
        alignment: 'right' as const,
        bold: depth === 0,
      })),
    ]),
  ];
  content.push({ table: { headerRows: 1, dontBreakRows: true, widths: ['*', 52, 52, 52, 52, 52, 52], body }, layout: zebra });
  return content;
}

function describeChild(child: ReportChild, mode: ChildNameMode, context: ReportContext): string {
  const { labels, format } = context;
  const name = displayChildName(child.name, mode, format.language, labels.unnamed);
  const details = [labels.sex[child.sex], child.ageYears === null ? null : labels.age(child.ageYears), child.identified ? labels.identified : labels.unidentified].filter(Boolean);
  return format.language === 'en' ? `${name} (${details.join(', ')})` : `${name}（${details.join('，')}）`;
}

export function rescueSection(rescues: ReportRescue[], mode: ChildNameMode, context: ReportContext): Content[] {
  const { labels, format } = context;
  const content: Content[] = [{ text: labels.rescueList, style: 'h1', pageBreak: 'before' }];
  if (rescues.length === 0) return [...content, { text: labels.noRescues, style: 'note' }];
  const sorted = [...rescues].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const separator = format.language === 'en' ? '; ' : '；';
  const body: TableCell[][] = [
    headerRow([labels.date, labels.place, labels.children, labels.suspectsShort], 3),
    ...sorted.map((rescue) => [
      { text: format.day(rescue.occurredAt) },
      { stack: [{ text: rescue.place }, { text: jurisdictionName(rescue.jurisdiction, context), style: 'note' }] },
      {
        stack: [
          { text: format.count(rescue.children.length), bold: true },
          // One unbreakable inline per child: pdfmake otherwise makes an inline of every CJK character,
          // which made a 10,000-child report several times slower to lay out.
          ...(rescue.children.length > 0
            ? [{ text: rescue.children.map((child, i) => ({ text: describeChild(child, mode, context) + (i < rescue.children.length - 1 ? separator : ''), noWrap: true })), fontSize: 8 }]
            : []),
        ],
      },
      { text: format.count(rescue.suspectsDetained), alignment: 'right' as const },
    ]),
  ];
  content.push({ table: { headerRows: 1, widths: [72, 130, '*', 52], body }, layout: zebra });
  return content;
}
