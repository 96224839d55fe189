/**
 * The plain data a report is drawn from. Everything here is safe to print in a document that leaves
 * the system: the types have no field for a reporter's identity, a family's contacts, DNA data, a
 * rescue's free-text notes or an address. A caller cannot leak what it cannot pass (redaction by
 * construction). The one personal field, a child's name, is printed as initials unless the caller
 * asks for full names (and audits that choice).
 */

export type ReportLanguage = 'zh-CN' | 'en';

/** How children are named in a report: initials (the default) or full names (audited by the caller). */
export type ChildNameMode = 'initials' | 'full';

/** The lifecycle of a missing-child file (mirrors `backend/src/cases`, kept separate so this module stays pure). */
export type FileStatus = 'open' | 'sighted' | 'located' | 'rescued' | 'reunited' | 'closed';

export interface JurisdictionRef {
  /** GB/T 2260 code, e.g. `341222`. */
  code: string;
  name: string;
  nameEn: string;
}

export interface ReportPeriod {
  /** Inclusive start. */
  from: Date;
  /** Inclusive end. */
  to: Date;
}

/** The summary figures of a report, all within the caller's scope. */
export interface SummaryFigures {
  filesOpened: number;
  filesClosed: number;
  /** Files by current status; statuses absent from the object count as 0. */
  filesByStatus: Partial<Record<FileStatus, number>>;
  sightingsReceived: number;
  sightingsLinked: number;
  sightingsDismissed: number;
  rescues: number;
  childrenRecoveredIdentified: number;
  childrenRecoveredUnidentified: number;
  reunited: number;
  suspectsDetained: number;
  /** null when there is nothing to take a median of. */
  medianDaysMissingToFound: number | null;
  medianDaysFoundToReunited: number | null;
  dnaMatchesConfirmed: number;
}

/** One point of a time series: a month (`YYYY-MM`) or a day (`YYYY-MM-DD`). */
export interface TrendPoint {
  period: string;
  filesOpened: number;
  sightingsReceived: number;
  childrenRecovered: number;
  reunited: number;
}

/** Counts that can be added up a jurisdiction tree (medians cannot, so they are not here). */
export interface JurisdictionCounts {
  filesOpened: number;
  filesClosed: number;
  rescues: number;
  childrenRecovered: number;
  reunited: number;
  suspectsDetained: number;
}

/**
 * A jurisdiction's OWN counts (records owned directly by it, not by its descendants). The report
 * rolls them up the tree itself (`rollUpJurisdictions`), so a prefecture's row includes its counties.
 */
export interface JurisdictionFiguresRow extends JurisdictionRef {
  /** The parent's code; null (or a code not in the list) makes this row a root of the table. */
  parentCode: string | null;
  own: JurisdictionCounts;
}

export type ChildSex = 'male' | 'female' | 'unknown';

/** A child recovered in a rescue. Only what a report may show. */
export interface ReportChild {
  /** The child's name if known (identified children, or a name an unidentified child gave). */
  name: string | null;
  sex: ChildSex;
  /** Age in whole years at the rescue (estimated for unidentified children); null if unknown. */
  ageYears: number | null;
  /** Linked to a missing-child file. */
  identified: boolean;
}

export interface ReportRescue {
  occurredAt: Date;
  /** Place as recorded by the operation (e.g. "太和县城关镇火车站广场"). */
  place: string;
  jurisdiction: JurisdictionRef;
  children: ReportChild[];
  suspectsDetained: number;
}

export interface CampaignReportData {
  /** From the caller's Clock, so reports are reproducible in tests. */
  generatedAt: Date;
  campaign: {
    name: string;
    goals: string | null;
    jurisdiction: JurisdictionRef;
    period: ReportPeriod;
  };
  figures: SummaryFigures;
  /** Per month (or per day for short campaigns) over the campaign. */
  trend: TrendPoint[];
  jurisdictions: JurisdictionFiguresRow[];
  rescues: ReportRescue[];
}

export interface MonthlyStatisticsData {
  generatedAt: Date;
  /** `YYYY-MM`. */
  month: string;
  jurisdiction: JurisdictionRef;
  figures: SummaryFigures;
  /** Usually the twelve months up to and including `month`. */
  trend: TrendPoint[];
  jurisdictions: JurisdictionFiguresRow[];
  /** Rescues during the month. */
  rescues: ReportRescue[];
}

export interface ReportOptions {
  language: ReportLanguage;
  /** IANA time zone for dates in the document; defaults to Asia/Shanghai. */
  timeZone?: string;
}

export interface CampaignReportOptions extends ReportOptions {
  childNames: ChildNameMode;
}
