import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { StatisticsService, STATISTICS_TIME_ZONE, type StatisticsFilter } from '../statistics/statistics.service';
import type { CampaignReportData, ChildSex, JurisdictionRef, MonthlyStatisticsData, ReportRescue } from './rendering';

/** Reports progress as a share of the data assembled (0–1). */
export type ProgressSink = (share: number) => Promise<void>;

interface RescueChildRow {
  rescue_id: string;
  occurred_at: Date;
  place: string;
  suspects_detained: number;
  j_code: string;
  j_name: string;
  j_name_en: string;
  child_name: string | null;
  child_sex: ChildSex | null;
  age_years: number | null;
  identified: boolean | null;
}

/** Midnight in Shanghai at the start of a calendar day `YYYY-MM-DD`. */
export function shanghaiMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The first instant of month `YYYY-MM` shifted by `months` (Shanghai calendar). */
export function monthStart(month: string, months = 0): Date {
  const [year, m] = month.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, m - 1 + months, 1));
  return shanghaiMidnight(shifted.toISOString().slice(0, 7) + '-01');
}

/**
 * Gathers a report's data inside one subtree (the requester's scope when they asked), into the
 * rendering types, which have no field for a reporter, a family's contacts, DNA data or police notes.
 * Figures come from the statistics service, so a report and the dashboard agree.
 */
@Injectable()
export class ReportDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly clock: Clock,
  ) {}

  /** Null when the campaign no longer exists. */
  async campaign(campaignId: string, jurisdictionPath: string, progress: ProgressSink): Promise<CampaignReportData | null> {
    const [campaign]: { name: string; goals: string | null; starts_on: string; ends_on: string; j_code: string; j_name: string; j_name_en: string }[] =
      await this.dataSource.query(
        `SELECT c.name, c.goals, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on,
                j.code AS j_code, j.name AS j_name, j.name_en AS j_name_en
           FROM campaigns c JOIN jurisdictions j ON j.id = c.jurisdiction_id WHERE c.id = $1`,
        [campaignId],
      );
    if (!campaign) return null;
    const from = shanghaiMidnight(campaign.starts_on);
    const end = new Date(shanghaiMidnight(campaign.ends_on).getTime() + 86_400_000);
    const scope = { jurisdictionPath };
    // The campaign's tagged records, whenever they happened (a file tagged by hand may predate it).
    const filter: StatisticsFilter = { campaignId };
    const days = (end.getTime() - from.getTime()) / 86_400_000;
    const [figures, trend, jurisdictions] = await Promise.all([
      this.statistics.summary(scope, filter),
      this.statistics.trend(scope, { ...filter, from, to: end }, days <= 62 ? 'day' : 'month'),
      this.statistics.byJurisdiction(scope, filter),
    ]);
    await progress(0.5);
    const rescues = await this.rescues(
      `r.id IN (SELECT record_id FROM campaign_records WHERE campaign_id = $2 AND record_type = 'rescue' AND NOT excluded)`,
      [jurisdictionPath, campaignId],
    );
    await progress(1);
    return {
      generatedAt: this.clock.now(),
      campaign: {
        name: campaign.name,
        goals: campaign.goals,
        jurisdiction: { code: campaign.j_code, name: campaign.j_name, nameEn: campaign.j_name_en },
        period: { from, to: new Date(end.getTime() - 1) },
      },
      figures,
      trend,
      jurisdictions,
      rescues,
    };
  }

  /** Month `YYYY-MM` (Shanghai calendar) in the subtree, with the twelve months up to it as the trend. */
  async monthly(month: string, jurisdictionPath: string, progress: ProgressSink): Promise<MonthlyStatisticsData> {
    const from = monthStart(month);
    const to = monthStart(month, 1);
    const scope = { jurisdictionPath };
    const [figures, trend, jurisdictions, jurisdiction] = await Promise.all([
      this.statistics.summary(scope, { from, to }),
      this.statistics.trend(scope, { from: monthStart(month, -11), to }, 'month'),
      this.statistics.byJurisdiction(scope, { from, to }),
      this.jurisdictionAt(jurisdictionPath),
    ]);
    await progress(0.5);
    const rescues = await this.rescues(`r.occurred_at >= $2 AND r.occurred_at < $3`, [jurisdictionPath, from, to]);
    await progress(1);
    return { generatedAt: this.clock.now(), month, jurisdiction, figures, trend, jurisdictions, rescues };
  }

  private async jurisdictionAt(path: string): Promise<JurisdictionRef> {
    const [j]: { code: string; name: string; name_en: string }[] = await this.dataSource.query(`SELECT code, name, name_en FROM jurisdictions WHERE path = $1`, [path]);
    return { code: j.code, name: j.name, nameEn: j.name_en };
  }

  /**
   * Rescues in the subtree ($1) matching `where`, with their children in one query. An identified
   * child takes the file's name, sex and age at the rescue; an unidentified one what was recorded.
   */
  private async rescues(where: string, params: unknown[]): Promise<ReportRescue[]> {
    const rows: RescueChildRow[] = await this.dataSource.query(
      `SELECT r.id AS rescue_id, r.occurred_at, r.place, r.suspects_detained,
              j.code AS j_code, j.name AS j_name, j.name_en AS j_name_en,
              COALESCE(c.child_full_name, rc.name) AS child_name,
              CASE WHEN rc.id IS NULL THEN NULL WHEN c.id IS NOT NULL THEN c.child_sex ELSE rc.sex END AS child_sex,
              COALESCE(floor(rc.estimated_age_years),
                       date_part('year', age((r.occurred_at AT TIME ZONE '${STATISTICS_TIME_ZONE}')::date, c.child_birth_date_estimate)))::int AS age_years,
              (rc.case_id IS NOT NULL) AS identified
         FROM rescues r
         JOIN jurisdictions j ON j.id = r.jurisdiction_id
         LEFT JOIN rescued_children rc ON rc.rescue_id = r.id
         LEFT JOIN cases c ON c.id = rc.case_id
        WHERE r.jurisdiction_path LIKE $1 || '%' AND ${where}
        ORDER BY r.occurred_at, r.id, rc.created_at, rc.id`,
      params,
    );
    const rescues = new Map<string, ReportRescue>();
    for (const row of rows) {
      let rescue = rescues.get(row.rescue_id);
      if (!rescue) {
        rescue = {
          occurredAt: row.occurred_at,
          place: row.place,
          jurisdiction: { code: row.j_code, name: row.j_name, nameEn: row.j_name_en },
          children: [],
          suspectsDetained: row.suspects_detained,
        };
        rescues.set(row.rescue_id, rescue);
      }
      if (row.child_sex !== null) rescue.children.push({ name: row.child_name, sex: row.child_sex, ageYears: row.age_years, identified: row.identified === true });
    }
    return [...rescues.values()];
  }
}
