import type { ChildSex, FileStatus, ReportLanguage } from './types';

/** Every label a report prints, per language. Add a key here and TypeScript asks for both translations. */
export interface ReportLabels {
  campaignReportTitle: string;
  monthlyReportTitle: string;
  confidential: string;
  jurisdiction: string;
  period: string;
  month: string;
  generatedAt: string;
  campaign: string;
  goals: string;
  childNamesInitials: string;
  childNamesFull: string;
  summary: string;
  groupFiles: string;
  groupSightings: string;
  groupRescues: string;
  groupOutcomes: string;
  filesOpened: string;
  filesClosed: string;
  filesByStatus: string;
  sightingsReceived: string;
  sightingsLinked: string;
  sightingsDismissed: string;
  rescues: string;
  childrenRecoveredIdentified: string;
  childrenRecoveredUnidentified: string;
  childrenRecovered: string;
  reunited: string;
  suspectsDetained: string;
  suspectsShort: string;
  medianDaysMissingToFound: string;
  medianDaysFoundToReunited: string;
  dnaMatchesConfirmed: string;
  charts: string;
  chartTrend: string;
  chartByJurisdiction: string;
  chartByStatus: string;
  byJurisdiction: string;
  byJurisdictionNote: string;
  rescueList: string;
  date: string;
  place: string;
  children: string;
  noRescues: string;
  noData: string;
  unnamed: string;
  identified: string;
  unidentified: string;
  total: string;
  days: (value: string) => string;
  age: (years: number) => string;
  page: (current: number, count: number) => string;
  status: Record<FileStatus, string>;
  sex: Record<ChildSex, string>;
}

const zhCN: ReportLabels = {
  campaignReportTitle: '打拐专项行动报告',
  monthlyReportTitle: '月度统计报告',
  confidential: '内部资料 · 注意保密 — 仅限执法机关使用',
  jurisdiction: '辖区',
  period: '时间范围',
  month: '月份',
  generatedAt: '生成时间',
  campaign: '专项行动',
  goals: '行动目标',
  childNamesInitials: '儿童姓名以简称显示（姓氏加“某”）。',
  childNamesFull: '本报告应主管人员要求显示儿童全名，此操作已记入审计日志。',
  summary: '主要数据',
  groupFiles: '案件',
  groupSightings: '线索',
  groupRescues: '解救',
  groupOutcomes: '团聚与比对',
  filesOpened: '新立案件',
  filesClosed: '结案',
  filesByStatus: '案件状态分布',
  sightingsReceived: '收到线索',
  sightingsLinked: '关联到案件的线索',
  sightingsDismissed: '已排除的线索',
  rescues: '解救行动',
  childrenRecoveredIdentified: '解救儿童（身份已确认）',
  childrenRecoveredUnidentified: '解救儿童（身份未明）',
  childrenRecovered: '解救儿童',
  reunited: '已与家人团聚',
  suspectsDetained: '抓获犯罪嫌疑人',
  suspectsShort: '抓获嫌疑人',
  medianDaysMissingToFound: '失踪至找到（中位数）',
  medianDaysFoundToReunited: '找到至团聚（中位数）',
  dnaMatchesConfirmed: '确认的DNA比中',
  charts: '图表',
  chartTrend: '趋势',
  chartByJurisdiction: '各辖区解救儿童',
  chartByStatus: '案件状态分布',
  byJurisdiction: '分辖区统计',
  byJurisdictionNote: '上级辖区的数字包含其下级辖区。',
  rescueList: '解救行动列表',
  date: '日期',
  place: '地点',
  children: '解救儿童',
  noRescues: '本期无解救行动。',
  noData: '无数据',
  unnamed: '姓名不详',
  identified: '身份已确认',
  unidentified: '身份未明',
  total: '合计',
  days: (value) => `${value} 天`,
  age: (years) => `${years}岁`,
  page: (current, count) => `第 ${current} 页，共 ${count} 页`,
  status: { open: '在查', sighted: '有线索', located: '已找到', rescued: '已解救', reunited: '已团聚', closed: '已结案' },
  sex: { male: '男', female: '女', unknown: '性别不详' },
};

const en: ReportLabels = {
  campaignReportTitle: 'Anti-trafficking campaign report',
  monthlyReportTitle: 'Monthly statistics report',
  confidential: 'Confidential — law enforcement only',
  jurisdiction: 'Jurisdiction',
  period: 'Period',
  month: 'Month',
  generatedAt: 'Generated at',
  campaign: 'Campaign',
  goals: 'Goals',
  childNamesInitials: 'Children are named by their initials.',
  childNamesFull: 'Full names of children are shown at a supervisor’s request; this choice is recorded in the audit log.',
  summary: 'Summary',
  groupFiles: 'Files',
  groupSightings: 'Sightings',
  groupRescues: 'Rescues',
  groupOutcomes: 'Reunions and DNA',
  filesOpened: 'Files opened',
  filesClosed: 'Files closed',
  filesByStatus: 'Files by status',
  sightingsReceived: 'Sightings received',
  sightingsLinked: 'Sightings linked to a file',
  sightingsDismissed: 'Sightings dismissed',
  rescues: 'Rescue operations',
  childrenRecoveredIdentified: 'Children recovered — identified',
  childrenRecoveredUnidentified: 'Children recovered — unidentified',
  childrenRecovered: 'Children recovered',
  reunited: 'Children reunited with family',
  suspectsDetained: 'Suspects detained',
  suspectsShort: 'Suspects',
  medianDaysMissingToFound: 'Median time missing → found',
  medianDaysFoundToReunited: 'Median time found → reunited',
  dnaMatchesConfirmed: 'DNA matches confirmed',
  charts: 'Charts',
  chartTrend: 'Trend',
  chartByJurisdiction: 'Children recovered by jurisdiction',
  chartByStatus: 'Files by status',
  byJurisdiction: 'By jurisdiction',
  byJurisdictionNote: 'Figures for a jurisdiction include those of the jurisdictions below it.',
  rescueList: 'Rescue operations',
  date: 'Date',
  place: 'Place',
  children: 'Children recovered',
  noRescues: 'No rescue operations in this period.',
  noData: 'No data',
  unnamed: 'unnamed',
  identified: 'identified',
  unidentified: 'unidentified',
  total: 'Total',
  days: (value) => `${value} days`,
  age: (years) => `${years} y`,
  page: (current, count) => `Page ${current} of ${count}`,
  status: { open: 'Open', sighted: 'Sighted', located: 'Located', rescued: 'Rescued', reunited: 'Reunited', closed: 'Closed' },
  sex: { male: 'M', female: 'F', unknown: 'sex unknown' },
};

const LABELS: Record<ReportLanguage, ReportLabels> = { 'zh-CN': zhCN, en };

export function labelsFor(language: ReportLanguage): ReportLabels {
  const labels = LABELS[language] as ReportLabels | undefined;
  if (!labels) throw new RangeError(`unsupported report language: ${String(language)}`);
  return labels;
}

export const FILE_STATUSES: readonly FileStatus[] = ['open', 'sighted', 'located', 'rescued', 'reunited', 'closed'];
