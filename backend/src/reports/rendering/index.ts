export { campaignReport, renderCampaignReport } from './campaign-report';
export { childInitials, displayChildName } from './child-initials';
export { labelsFor, type ReportLabels } from './i18n';
export { monthlyStatisticsReport, renderMonthlyStatisticsReport } from './monthly-statistics-report';
export { renderPdf, REPORT_FONT, reportFontFiles } from './render-pdf';
export { rollUpJurisdictions, type RolledUpJurisdiction } from './roll-up';
export * from './types';
