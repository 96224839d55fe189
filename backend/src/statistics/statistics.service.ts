import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { Clock } from '../common/clock';
import { Problem, RecordNotFound } from '../common/problem';
import { rollUpJurisdictions, zeroCounts } from '../reports/rendering/roll-up';
import type { FileStatus, JurisdictionCounts, JurisdictionFiguresRow, SummaryFigures, TrendPoint } from '../reports/rendering/types';
import { daysBetween, MAX_DAILY_TREND_DAYS, parseInstant, shanghaiMonthStart } from './statistics-period';
import { mapRolledUp, type StatisticsDto, type StatisticsQueryDto } from './statistics.dto';

/** A subtree: records whose jurisdiction_path starts with this path. */
export interface StatisticsScope {
  jurisdictionPath: string;
}

/** `from` inclusive, `to` exclusive; a jurisdiction narrows the scope; a campaign keeps only its tagged records. */
export interface StatisticsFilter {
  from?: Date;
  to?: Date;
  jurisdictionCode?: string;
  campaignId?: string;
}

export type TrendGranularity = 'month' | 'day';

/** Months and days are counted on the calendar of the people who use the system. */
export const STATISTICS_TIME_ZONE = 'Asia/Shanghai';

/** Collects positional parameters for one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What every statement of one request shares: the scope prefix, the period and the campaign. */
class Criteria {
  constructor(
    readonly prefix: string,
    readonly from: Date | undefined,
    readonly to: Date | undefined,
    readonly campaignId: string | undefined,
  ) {}

  scope(p: Params, column: string): string {
    return `${column} LIKE ${p.add(`${this.prefix}%`)}`;
  }

  /** A timestamptz column inside the period. */
  period(p: Params, column: string): string {
    const parts = [`${column} IS NOT NULL`];
    if (this.from) parts.push(`${column} >= ${p.add(this.from)}`);
    if (this.to) parts.push(`${column} < ${p.add(this.to)}`);
    return parts.join(' AND ');
  }

  /** A date column (a calendar day in Shanghai) inside the period. */
  datePeriod(p: Params, column: string): string {
    const day = (d: Date) => `(${p.add(d)}::timestamptz AT TIME ZONE '${STATISTICS_TIME_ZONE}')::date`;
    const parts = [`${column} IS NOT NULL`];
    if (this.from) parts.push(`${column} >= ${day(this.from)}`);
    if (this.to) parts.push(`${column} < ${day(this.to)}`);
    return parts.join(' AND ');
  }

  /** A record of this type tagged to the campaign (and not taken out by hand); TRUE without a campaign. */
  tagged(p: Params, type: 'case' | 'sighting' | 'rescue', idColumn: string): string {
    if (!this.campaignId) return 'TRUE';
    return `${idColumn} IN (SELECT record_id FROM campaign_records
                             WHERE campaign_id = ${p.add(this.campaignId)} AND record_type = '${type}' AND NOT excluded)`;
  }

  /**
   * A file that belongs to the campaign's results: tagged itself, or the file of a child recovered in
   * one of its rescues (a child missing for years is found by this year's crackdown).
   */
  campaignCase(p: Params, caseIdColumn: string): string {
    if (!this.campaignId) return 'TRUE';
    const campaign = p.add(this.campaignId);
    return `(${caseIdColumn} IN (SELECT record_id FROM campaign_records
                                  WHERE campaign_id = ${campaign} AND record_type = 'case' AND NOT excluded)
          OR ${caseIdColumn} IN (SELECT rc.case_id FROM rescued_children rc
                                   JOIN campaign_records cr ON cr.record_id = rc.rescue_id AND cr.record_type = 'rescue'
                                  WHERE cr.campaign_id = ${campaign} AND NOT cr.excluded AND rc.case_id IS NOT NULL))`;
  }

  /** A rescued child recovered in one of the campaign's rescues. */
  campaignChild(p: Params, childIdColumn: string): string {
    if (!this.campaignId) return 'FALSE';
    return `${childIdColumn} IN (SELECT rc.id FROM rescued_children rc
                                  JOIN campaign_records cr ON cr.record_id = rc.rescue_id AND cr.record_type = 'rescue'
                                 WHERE cr.campaign_id = ${p.add(this.campaignId)} AND NOT cr.excluded)`;
  }
}

type Statement = { sql: string; params: unknown[] };
const statement = (build: (p: Params) => string): Statement => {
  const p = new Params();
  const sql = build(p);
  return { sql, params: p.values };
};

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const median = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);

/**
 * Figures about files, sightings, rescues, reunions and DNA matches, always inside a scope and
 * computed in SQL over indexed columns (issue 5 §4; ≤ 500 ms over a million files, see
 * backend/scripts/bench-statistics.ts). Definitions:
 * - files opened: created in the period, and by status: where those files stand now; closed:
 *   closed_at in the period;
 * - sightings received in the period, and of those how many are now linked or dismissed;
 * - rescues (occurred_at), the children recovered in them (identified = linked to a file), and the
 *   suspects they detained;
 * - reunited: verified reunions by the day of the reunion;
 * - medians: missing → found over files found in the period (found_at − last_seen_at), found →
 *   reunited over files reunited in the period (reunited_at − found_at), in days;
 * - DNA matches confirmed in the period (decided_at).
 * With a campaign: only files, sightings and rescues tagged to it (and not taken out); reunions,
 * medians and matches count for the files tagged to it or recovered in its rescues.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** GET /statistics: the caller's scope, the period (default: the last twelve months) and the filters. */
  async overview(access: AccessContext, query: StatisticsQueryDto): Promise<StatisticsDto> {
    const now = this.clock.now();
    const from = query.from ? parseInstant(query.from) : shanghaiMonthStart(now, -11);
    const to = query.to ? parseInstant(query.to) : shanghaiMonthStart(now, 1);
    const granularity = query.granularity ?? 'month';
    if (from >= to) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'The end of the period must come after its start.', {
        code: 'INVALID_PERIOD',
        errors: [{ field: 'to', message: 'must be later than from' }],
      });
    }
    if (granularity === 'day' && daysBetween(from, to) > MAX_DAILY_TREND_DAYS) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `A daily trend covers at most ${MAX_DAILY_TREND_DAYS} days; choose a shorter period or months.`, {
        code: 'PERIOD_TOO_LONG',
        errors: [{ field: 'granularity', message: `day needs a period of at most ${MAX_DAILY_TREND_DAYS} days` }],
      });
    }
    if (query.campaignId) {
      const [campaign]: { jurisdiction_path: string }[] = await this.dataSource.query(`SELECT jurisdiction_path FROM campaigns WHERE id = $1`, [query.campaignId]);
      if (!campaign || !access.ability.can('read', record('Campaign', { jurisdictionPath: campaign.jurisdiction_path }))) {
        throw new RecordNotFound('campaign');
      }
    }
    const scope = { jurisdictionPath: access.actor.jurisdictionPath };
    const filter: StatisticsFilter = { from, to, jurisdictionCode: query.jurisdiction, campaignId: query.campaignId };
    const [summary, trend, byJurisdiction] = await Promise.all([
      this.summary(scope, filter),
      this.trend(scope, filter, granularity),
      this.byJurisdiction(scope, filter),
    ]);
    return { from: from.toISOString(), to: to.toISOString(), granularity, summary, trend, byJurisdiction: mapRolledUp(rollUpJurisdictions(byJurisdiction)) };
  }

  async summary(scope: StatisticsScope, filter: StatisticsFilter): Promise<SummaryFigures> {
    const c = await this.criteria(scope, filter);
    if (!c) return emptySummary();
    const notDeleted = 'c.deleted_at IS NULL';
    const [byStatus, closed, found, reunitedMedian, sightings, rescues, children, reunited, matches] = await Promise.all([
      // One range scan gives both the files opened and where they stand now.
      this.rows(
        statement(
          (p) => `SELECT c.status, count(*) AS n FROM cases c
                   WHERE ${notDeleted} AND ${c.period(p, 'c.created_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')}
                   GROUP BY c.status`,
        ),
      ),
      this.one(statement((p) => `SELECT count(*) AS n FROM cases c WHERE ${notDeleted} AND ${c.period(p, 'c.closed_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')}`)),
      this.one(
        statement(
          (p) => `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.found_at - c.last_seen_at) / 86400) AS n
                    FROM cases c
                   WHERE ${notDeleted} AND ${c.period(p, 'c.found_at')} AND c.last_seen_at IS NOT NULL
                     AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.campaignCase(p, 'c.id')}`,
        ),
      ),
      this.one(
        statement(
          (p) => `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.reunited_at - c.found_at) / 86400) AS n
                    FROM cases c
                   WHERE ${notDeleted} AND ${c.period(p, 'c.reunited_at')} AND c.found_at IS NOT NULL
                     AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.campaignCase(p, 'c.id')}`,
        ),
      ),
      this.one(
        statement(
          (p) => `SELECT count(*) AS received,
                         count(*) FILTER (WHERE s.status = 'linked') AS linked,
                         count(*) FILTER (WHERE s.status = 'dismissed') AS dismissed
                    FROM sightings s
                   WHERE ${c.period(p, 's.created_at')} AND ${c.scope(p, 's.jurisdiction_path')} AND ${c.tagged(p, 'sighting', 's.id')}`,
        ),
      ),
      this.one(
        statement(
          (p) => `SELECT count(*) AS n, coalesce(sum(r.suspects_detained), 0) AS suspects
                    FROM rescues r
                   WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')}`,
        ),
      ),
      this.one(
        statement(
          (p) => `SELECT count(*) FILTER (WHERE rc.case_id IS NOT NULL) AS identified,
                         count(*) FILTER (WHERE rc.case_id IS NULL) AS unidentified
                    FROM rescues r JOIN rescued_children rc ON rc.rescue_id = r.id
                   WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')}`,
        ),
      ),
      this.one(statement((p) => `SELECT count(*) AS n FROM reunions u WHERE ${this.reunionWhere(p, c)}`)),
      this.one(
        statement(
          (p) => `SELECT count(*) AS n FROM kinship_matches m
                   WHERE m.status = 'confirmed' AND ${c.period(p, 'm.decided_at')} AND ${c.scope(p, 'm.jurisdiction_path')}
                     AND ${c.campaignId ? c.campaignCase(p, 'm.case_id') : 'TRUE'}`,
        ),
      ),
    ]);
    const filesByStatus: Partial<Record<FileStatus, number>> = {};
    for (const row of byStatus) filesByStatus[row['status'] as FileStatus] = num(row['n']);
    return {
      filesOpened: Object.values(filesByStatus).reduce((sum, n) => sum + n, 0),
      filesClosed: num(closed['n']),
      filesByStatus,
      sightingsReceived: num(sightings['received']),
      sightingsLinked: num(sightings['linked']),
      sightingsDismissed: num(sightings['dismissed']),
      rescues: num(rescues['n']),
      childrenRecoveredIdentified: num(children['identified']),
      childrenRecoveredUnidentified: num(children['unidentified']),
      reunited: num(reunited['n']),
      suspectsDetained: num(rescues['suspects']),
      medianDaysMissingToFound: median(found['n']),
      medianDaysFoundToReunited: median(reunitedMedian['n']),
      dnaMatchesConfirmed: num(matches['n']),
    };
  }

  /** Each jurisdiction's OWN counts, for the jurisdictions with any, and their ancestors inside the scope. */
  async byJurisdiction(scope: StatisticsScope, filter: StatisticsFilter): Promise<JurisdictionFiguresRow[]> {
    const c = await this.criteria(scope, filter);
    if (!c) return [];
    const grouped = (build: (p: Params) => string) => this.rows(statement(build));
    const [opened, closed, rescues, children, reunited] = await Promise.all([
      grouped((p) => `SELECT c.jurisdiction_path AS path, count(*) AS n FROM cases c WHERE c.deleted_at IS NULL AND ${c.period(p, 'c.created_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')} GROUP BY 1`),
      grouped((p) => `SELECT c.jurisdiction_path AS path, count(*) AS n FROM cases c WHERE c.deleted_at IS NULL AND ${c.period(p, 'c.closed_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')} GROUP BY 1`),
      grouped((p) => `SELECT r.jurisdiction_path AS path, count(*) AS n, coalesce(sum(r.suspects_detained), 0) AS suspects FROM rescues r WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')} GROUP BY 1`),
      grouped((p) => `SELECT r.jurisdiction_path AS path, count(*) AS n FROM rescues r JOIN rescued_children rc ON rc.rescue_id = r.id WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')} GROUP BY 1`),
      grouped((p) => `SELECT u.jurisdiction_path AS path, count(*) AS n FROM reunions u WHERE ${this.reunionWhere(p, c)} GROUP BY 1`),
    ]);
    const counts = new Map<string, JurisdictionCounts>();
    const add = (rows: Record<string, unknown>[], key: keyof JurisdictionCounts, column = 'n') => {
      for (const row of rows) {
        const path = String(row['path']);
        const entry = counts.get(path) ?? zeroCounts();
        entry[key] += num(row[column]);
        counts.set(path, entry);
      }
    };
    add(opened, 'filesOpened');
    add(closed, 'filesClosed');
    add(rescues, 'rescues');
    add(rescues, 'suspectsDetained', 'suspects');
    add(children, 'childrenRecovered');
    add(reunited, 'reunited');

    // The scope's own jurisdiction and every jurisdiction on the way down to one with figures.
    const jurisdictions: { code: string; name: string; name_en: string; path: string; parent_code: string | null }[] = await this.dataSource.query(
      `SELECT j.code, j.name, j.name_en, j.path, p.code AS parent_code
         FROM jurisdictions j LEFT JOIN jurisdictions p ON p.id = j.parent_id
        WHERE j.path LIKE $1
        ORDER BY j.path`,
      [`${c.prefix}%`],
    );
    const paths = [...counts.keys()];
    return jurisdictions
      .filter((j) => j.path === c.prefix || paths.some((path) => path.startsWith(j.path)))
      .map((j) => ({ code: j.code, name: j.name, nameEn: j.name_en, parentCode: j.parent_code, own: counts.get(j.path) ?? zeroCounts() }));
  }

  /** Files opened, sightings received, children recovered and reunions per month or day (Shanghai calendar). */
  async trend(scope: StatisticsScope, filter: StatisticsFilter, granularity: TrendGranularity): Promise<TrendPoint[]> {
    const c = await this.criteria(scope, filter);
    const from = filter.from ?? (c ? await this.earliest(c) : null);
    if (!from) return [];
    const to = filter.to ?? this.clock.now();
    const format = granularity === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
    // Every period of the range (so that a chart shows quiet months as zeros): its label and the instant
    // it starts in Shanghai, followed by the instant the range ends.
    const series: { period: string; starts: Date }[] = await this.dataSource.query(
      `SELECT to_char(g, '${format}') AS period, g AT TIME ZONE '${STATISTICS_TIME_ZONE}' AS starts
         FROM generate_series(date_trunc($3, $1::timestamptz AT TIME ZONE '${STATISTICS_TIME_ZONE}'),
                              ($2::timestamptz AT TIME ZONE '${STATISTICS_TIME_ZONE}') - interval '1 microsecond',
                              ('1 ' || $3)::interval) g`,
      [from, to, granularity],
    );
    const points = series.map(({ period }): TrendPoint => ({ period, filesOpened: 0, sightingsReceived: 0, childrenRecovered: 0, reunited: 0 }));
    if (!c || points.length === 0) return points;
    const bounds = [...series.map((s) => s.starts), to];
    // A row's period by binary search over the period starts (width_bucket: bucket i is period i - 1), not by
    // converting every row's time to Shanghai time, which is what costs over a million rows.
    const bucket = (p: Params, column: string) => `width_bucket(${column}, ${p.add(bounds)}::timestamptz[])`;
    const counted = (build: (p: Params) => string) => this.rows(statement(build));
    const [opened, sightings, children, reunited] = await Promise.all([
      counted((p) => `SELECT ${bucket(p, 'c.created_at')} AS bucket, count(*) AS n FROM cases c WHERE c.deleted_at IS NULL AND ${c.period(p, 'c.created_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')} GROUP BY 1`),
      counted((p) => `SELECT ${bucket(p, 's.created_at')} AS bucket, count(*) AS n FROM sightings s WHERE ${c.period(p, 's.created_at')} AND ${c.scope(p, 's.jurisdiction_path')} AND ${c.tagged(p, 'sighting', 's.id')} GROUP BY 1`),
      counted((p) => `SELECT ${bucket(p, 'r.occurred_at')} AS bucket, count(*) AS n FROM rescues r JOIN rescued_children rc ON rc.rescue_id = r.id WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')} GROUP BY 1`),
      // A reunion's day is already a Shanghai calendar day: its period is that day's start in Shanghai.
      counted((p) => `SELECT ${bucket(p, `(u.reunited_on::timestamp AT TIME ZONE '${STATISTICS_TIME_ZONE}')`)} AS bucket, count(*) AS n FROM reunions u WHERE ${this.reunionWhere(p, c)} GROUP BY 1`),
    ]);
    const add = (rows: Record<string, unknown>[], field: Exclude<keyof TrendPoint, 'period'>) => {
      for (const row of rows) {
        const point = points[num(row['bucket']) - 1];
        if (point) point[field] += num(row['n']);
      }
    };
    add(opened, 'filesOpened');
    add(sightings, 'sightingsReceived');
    add(children, 'childrenRecovered');
    add(reunited, 'reunited');
    return points;
  }

  /** The earliest time anything in scope happened (the start of an all-time trend); null when nothing has. */
  private async earliest(c: Criteria): Promise<Date | null> {
    const [row] = await this.rows(
      statement(
        (p) => `SELECT least((SELECT min(c.created_at) FROM cases c WHERE c.deleted_at IS NULL AND ${c.scope(p, 'c.jurisdiction_path')}),
                             (SELECT min(s.created_at) FROM sightings s WHERE ${c.scope(p, 's.jurisdiction_path')}),
                             (SELECT min(r.occurred_at) FROM rescues r WHERE ${c.scope(p, 'r.jurisdiction_path')}),
                             (SELECT min(u.reunited_on::timestamp AT TIME ZONE '${STATISTICS_TIME_ZONE}') FROM reunions u WHERE ${c.scope(p, 'u.jurisdiction_path')})) AS at`,
      ),
    );
    return row?.['at'] ? new Date(row['at'] as string) : null;
  }

  private reunionWhere(p: Params, c: Criteria): string {
    const campaign = c.campaignId ? `AND (${c.campaignCase(p, 'u.case_id')} OR ${c.campaignChild(p, 'u.rescued_child_id')})` : '';
    return `u.verification_status = 'verified' AND ${c.datePeriod(p, 'u.reunited_on')} AND ${c.scope(p, 'u.jurisdiction_path')} ${campaign}`;
  }

  /**
   * The scope narrowed by the filter's jurisdiction: the deeper of the two when one contains the
   * other, null when they do not meet (nothing to count). An unknown code is the caller's mistake.
   */
  private async criteria(scope: StatisticsScope, filter: StatisticsFilter): Promise<Criteria | null> {
    let prefix = scope.jurisdictionPath;
    if (filter.jurisdictionCode) {
      const [j]: { path: string }[] = await this.dataSource.query(`SELECT path FROM jurisdictions WHERE code = $1`, [filter.jurisdictionCode]);
      if (!j) {
        throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `There is no jurisdiction with code ${filter.jurisdictionCode}.`, {
          code: 'UNKNOWN_JURISDICTION',
          errors: [{ field: 'jurisdiction', message: `unknown jurisdiction code ${filter.jurisdictionCode}` }],
        });
      }
      if (j.path.startsWith(prefix)) prefix = j.path;
      else if (!prefix.startsWith(j.path)) return null;
    }
    if (filter.from && filter.to && filter.from >= filter.to) return null;
    return new Criteria(prefix, filter.from, filter.to, filter.campaignId);
  }

  private async one(s: Statement): Promise<Record<string, unknown>> {
    const [row] = await this.rows(s);
    return row ?? {};
  }

  private rows(s: Statement): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(s.sql, s.params);
  }
}

function emptySummary(): SummaryFigures {
  return {
    filesOpened: 0,
    filesClosed: 0,
    filesByStatus: {},
    sightingsReceived: 0,
    sightingsLinked: 0,
    sightingsDismissed: 0,
    rescues: 0,
    childrenRecoveredIdentified: 0,
    childrenRecoveredUnidentified: 0,
    reunited: 0,
    suspectsDetained: 0,
    medianDaysMissingToFound: null,
    medianDaysFoundToReunited: null,
    dnaMatchesConfirmed: 0,
  };
}
