import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { ReportFormat } from './format';
import { labelsFor } from './i18n';
import { renderPdf } from './render-pdf';
import { chartsSection, coverPage, documentShell, jurisdictionName, jurisdictionSection, type ReportContext, rescueSection, summarySection } from './sections';
import type { CampaignReportData, CampaignReportOptions } from './types';

/** The document definition of a campaign report (pure: plain data in, pdfmake definition out). */
export function campaignReport(data: CampaignReportData, options: CampaignReportOptions): TDocumentDefinitions {
  if (options.childNames !== 'initials' && options.childNames !== 'full') throw new RangeError(`childNames must be 'initials' or 'full'`);
  const labels = labelsFor(options.language);
  const context: ReportContext = { labels, format: new ReportFormat(options.language, options.timeZone) };
  const { campaign } = data;
  const title = labels.campaignReportTitle;
  return documentShell(context, { title, subtitle: campaign.name, generatedAt: data.generatedAt }, [
    ...coverPage(context, {
      title,
      subtitle: campaign.name,
      facts: [
        [labels.campaign, campaign.name],
        [labels.jurisdiction, `${jurisdictionName(campaign.jurisdiction, context)} (${campaign.jurisdiction.code})`],
        [labels.period, context.format.period(campaign.period)],
        [labels.generatedAt, context.format.moment(data.generatedAt)],
      ],
      goals: campaign.goals,
      notes: [options.childNames === 'full' ? labels.childNamesFull : labels.childNamesInitials],
    }),
    ...summarySection(data.figures, context),
    ...chartsSection(data, context),
    ...jurisdictionSection(data.jurisdictions, context),
    ...rescueSection(data.rescues, options.childNames, context),
  ]);
}

export function renderCampaignReport(data: CampaignReportData, options: CampaignReportOptions): Promise<Buffer> {
  return renderPdf(campaignReport(data, options));
}
