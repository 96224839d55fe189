import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { ReportFormat } from './format';
import { labelsFor } from './i18n';
import { renderPdf } from './render-pdf';
import { chartsSection, coverPage, documentShell, jurisdictionName, jurisdictionSection, type ReportContext, rescueSection, summarySection } from './sections';
import type { MonthlyStatisticsData, ReportOptions } from './types';

/**
 * The document definition of a monthly statistics report. Children are always named by initials
 * here: a statistics report has no reason to carry full names.
 */
export function monthlyStatisticsReport(data: MonthlyStatisticsData, options: ReportOptions): TDocumentDefinitions {
  const labels = labelsFor(options.language);
  const context: ReportContext = { labels, format: new ReportFormat(options.language, options.timeZone) };
  const title = labels.monthlyReportTitle;
  const month = context.format.month(data.month);
  const place = jurisdictionName(data.jurisdiction, context);
  return documentShell(context, { title, subtitle: `${place} · ${month}`, generatedAt: data.generatedAt }, [
    ...coverPage(context, {
      title,
      subtitle: `${place} · ${month}`,
      facts: [
        [labels.jurisdiction, `${place} (${data.jurisdiction.code})`],
        [labels.month, month],
        [labels.generatedAt, context.format.moment(data.generatedAt)],
      ],
      notes: [labels.childNamesInitials],
    }),
    ...summarySection(data.figures, context),
    ...chartsSection(data, context),
    ...jurisdictionSection(data.jurisdictions, context),
    ...rescueSection(data.rescues, 'initials', context),
  ]);
}

export function renderMonthlyStatisticsReport(data: MonthlyStatisticsData, options: ReportOptions): Promise<Buffer> {
  return renderPdf(monthlyStatisticsReport(data, options));
}
