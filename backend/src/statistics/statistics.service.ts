import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { CASE_STATUSES } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { Problem, RecordNotFound } from '../common/problem';
import { rollUpJurisdictions, zeroCounts } from '../reports/rendering/roll-up';
import type { FileStatus, JurisdictionCounts, JurisdictionFiguresRow, SummaryFigures, TrendPoint } from '../reports/rendering/types';
import { daysBetween, isShanghaiDayStart, MAX_DAILY_TREND_DAYS, parseInstant, shanghaiDate, shanghaiDayStart, shanghaiMonthStart, shanghaiPeriodStarts } from './statistics-period';
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
  /** Count over the records themselves even where the daily roll-up could answer (to check the roll-up). */
  fromRows?: boolean;
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
    private readonly fromRows = false,
  ) {}

  /**
   * The daily roll-up gives the same answer as the rows when the period starts and ends on whole
   * Shanghai days (or is open) and no campaign narrows the records.
   */
  get rollup(): boolean {
    return !this.fromRows && !this.campaignId && [this.from, this.to].every((d) => !d || isShanghaiDayStart(d));
  }

  /** The roll-up's rows (compacted counts plus the changes not yet folded in, in one snapshot) for these metrics. */
  rollupRows(p: Params, metrics: readonly string[]): string {
    return `(SELECT metric, day, jurisdiction_path, value, n FROM statistics_daily
             UNION ALL SELECT metric, day, jurisdiction_path, value, n FROM statistics_changes) s
            WHERE s.metric = ANY(${p.add(metrics)}::text[]) AND ${this.datePeriod(p, 's.day')} AND ${this.scope(p, 's.jurisdiction_path')}`;
  }

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

/*
 * Metrics: the names the roll-up stores (migration 1764800000000-statistics-rollup, one function per
 * table) and the live statements below count under, so that both give rows of (key, metric, n).
 */
const OPENED = CASE_STATUSES.map((status) => `files_opened:${status}`);
const CHILDREN = ['children_identified', 'children_unidentified'];
const SUMMARY_METRICS = [...OPENED, 'files_closed', 'sightings_received', 'sightings_linked', 'sightings_dismissed', 'rescues', 'suspects_detained', ...CHILDREN, 'reunited', 'dna_matches_confirmed'];
const JURISDICTION_FIGURES: Record<string, keyof JurisdictionCounts> = {
  ...Object.fromEntries(OPENED.map((m) => [m, 'filesOpened'])),
  files_closed: 'filesClosed',
  rescues: 'rescues',
  suspects_detained: 'suspectsDetained',
  ...Object.fromEntries(CHILDREN.map((m) => [m, 'childrenRecovered'])),
  reunited: 'reunited',
};
const TREND_FIGURES: Record<string, Exclude<keyof TrendPoint, 'period'>> = {
  ...Object.fromEntries(OPENED.map((m) => [m, 'filesOpened'])),
  sightings_received: 'sightingsReceived',
  ...Object.fromEntries(CHILDREN.map((m) => [m, 'childrenRecovered'])),
  reunited: 'reunited',
};
/** Median durations over files (not deleted): the time counted by, and the time measured from. */
const MEDIANS = {
  days_missing_to_found: { at: 'c.found_at', since: 'c.last_seen_at' },
  days_found_to_reunited: { at: 'c.reunited_at', since: 'c.found_at' },
} as const;
type MedianMetric = keyof typeof MEDIANS;

/** How counts are grouped: a key from a row's time and jurisdiction path (an instant live, a Shanghai day in the roll-up). */
interface Grouping {
  live(p: Params, at: string, path: string): string;
  rollup(p: Params, day: string, path: string): string;
}
const TOTAL: Grouping = { live: () => `'total'::text`, rollup: () => `'total'::text` };
const BY_JURISDICTION: Grouping = { live: (_p, _at, path) => path, rollup: (_p, _day, path) => path };

type Key = (at: string, path: string) => string;
/** The live statements: each counts some metrics over the rows, as `key, metric, n`. */
const LIVE_COUNTS: { metrics: readonly string[]; sql: (p: Params, c: Criteria, key: Key, wanted: readonly string[]) => string }[] = [
  {
    metrics: OPENED,
    sql: (p, c, key) => `SELECT ${key('c.created_at', 'c.jurisdiction_path')} AS key, 'files_opened:' || c.status AS metric, count(*) AS n FROM cases c
                          WHERE c.deleted_at IS NULL AND ${c.period(p, 'c.created_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')} GROUP BY 1, 2`,
  },
  {
    metrics: ['files_closed'],
    sql: (p, c, key) => `SELECT ${key('c.closed_at', 'c.jurisdiction_path')} AS key, 'files_closed' AS metric, count(*) AS n FROM cases c
                          WHERE c.deleted_at IS NULL AND ${c.period(p, 'c.closed_at')} AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.tagged(p, 'case', 'c.id')} GROUP BY 1`,
  },
  {
    metrics: ['sightings_received', 'sightings_linked', 'sightings_dismissed'],
    sql: (p, c, key, wanted) => `SELECT ${key('s.created_at', 's.jurisdiction_path')} AS key, m.metric, count(*) AS n
                                   FROM sightings s CROSS JOIN LATERAL (VALUES ('sightings_received'), ('sightings_' || s.status)) m (metric)
                                  WHERE m.metric = ANY(${p.add(wanted)}::text[]) AND ${c.period(p, 's.created_at')} AND ${c.scope(p, 's.jurisdiction_path')} AND ${c.tagged(p, 'sighting', 's.id')}
                                  GROUP BY 1, 2`,
  },
  {
    metrics: ['rescues', 'suspects_detained'],
    sql: (p, c, key, wanted) => `SELECT ${key('r.occurred_at', 'r.jurisdiction_path')} AS key, m.metric, sum(m.n) AS n
                                   FROM rescues r CROSS JOIN LATERAL (VALUES ('rescues', 1), ('suspects_detained', r.suspects_detained)) m (metric, n)
                                  WHERE m.metric = ANY(${p.add(wanted)}::text[]) AND ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')}
                                  GROUP BY 1, 2`,
  },
  {
    metrics: CHILDREN,
    sql: (p, c, key) => `SELECT ${key('r.occurred_at', 'r.jurisdiction_path')} AS key, statistics_child_metric(rc.case_id) AS metric, count(*) AS n
                           FROM rescues r JOIN rescued_children rc ON rc.rescue_id = r.id
                          WHERE ${c.period(p, 'r.occurred_at')} AND ${c.scope(p, 'r.jurisdiction_path')} AND ${c.tagged(p, 'rescue', 'r.id')} GROUP BY 1, 2`,
  },
  {
    metrics: ['reunited'],
    // A reunion's day is already a Shanghai calendar day: its time is that day's start in Shanghai.
    sql: (p, c, key) => `SELECT ${key(`(u.reunited_on::timestamp AT TIME ZONE '${STATISTICS_TIME_ZONE}')`, 'u.jurisdiction_path')} AS key, 'reunited' AS metric, count(*) AS n
                           FROM reunions u WHERE ${reunionWhere(p, c)} GROUP BY 1`,
  },
  {
    metrics: ['dna_matches_confirmed'],
    sql: (p, c, key) => `SELECT ${key('m.decided_at', 'm.jurisdiction_path')} AS key, 'dna_matches_confirmed' AS metric, count(*) AS n FROM kinship_matches m
                          WHERE m.status = 'confirmed' AND ${c.period(p, 'm.decided_at')} AND ${c.scope(p, 'm.jurisdiction_path')}
                            AND ${c.campaignCase(p, 'm.case_id')} GROUP BY 1`,
  },
];

function reunionWhere(p: Params, c: Criteria): string {
  const campaign = c.campaignId ? `AND (${c.campaignCase(p, 'u.case_id')} OR ${c.campaignChild(p, 'u.rescued_child_id')})` : '';
  return `u.verification_status = 'verified' AND ${c.datePeriod(p, 'u.reunited_on')} AND ${c.scope(p, 'u.jurisdiction_path')} ${campaign}`;
}

/**
 * Figures about files, sightings, rescues, reunions and DNA matches, always inside a scope (issue 5
 * §4; ≤ 500 ms over a million files, see backend/scripts/bench-statistics.ts). Periods on whole
 * Shanghai days without a campaign (the dashboard's, and all time) read the daily roll-up the
 * database keeps (StatisticsRollup); other periods and campaigns count over indexed columns of the
 * records themselves. Both give the same figures. Definitions:
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
    const [counts, missingToFound, foundToReunited] = await Promise.all([
      this.count(c, SUMMARY_METRICS, TOTAL),
      this.median(c, 'days_missing_to_found'),
      this.median(c, 'days_found_to_reunited'),
    ]);
    const totals = counts.get('total') ?? new Map<string, number>();
    const n = (metric: string) => totals.get(metric) ?? 0;
    const filesByStatus: Partial<Record<FileStatus, number>> = {};
    for (const status of CASE_STATUSES) if (n(`files_opened:${status}`)) filesByStatus[status] = n(`files_opened:${status}`);
    return {
      filesOpened: OPENED.reduce((sum, metric) => sum + n(metric), 0),
      filesClosed: n('files_closed'),
      filesByStatus,
      sightingsReceived: n('sightings_received'),
      sightingsLinked: n('sightings_linked'),
      sightingsDismissed: n('sightings_dismissed'),
      rescues: n('rescues'),
      childrenRecoveredIdentified: n('children_identified'),
      childrenRecoveredUnidentified: n('children_unidentified'),
      reunited: n('reunited'),
      suspectsDetained: n('suspects_detained'),
      medianDaysMissingToFound: missingToFound,
      medianDaysFoundToReunited: foundToReunited,
      dnaMatchesConfirmed: n('dna_matches_confirmed'),
    };
  }

  /** Each jurisdiction's OWN counts, for the jurisdictions with any, and their ancestors inside the scope. */
  async byJurisdiction(scope: StatisticsScope, filter: StatisticsFilter): Promise<JurisdictionFiguresRow[]> {
    const c = await this.criteria(scope, filter);
    if (!c) return [];
    const [byPath, jurisdictions] = await Promise.all([
      this.count(c, Object.keys(JURISDICTION_FIGURES), BY_JURISDICTION),
      // The scope's own jurisdiction and every jurisdiction on the way down to one with figures.
      this.dataSource.query(
        `SELECT j.code, j.name, j.name_en, j.path, p.code AS parent_code
           FROM jurisdictions j LEFT JOIN jurisdictions p ON p.id = j.parent_id
          WHERE j.path LIKE $1
          ORDER BY j.path`,
        [`${c.prefix}%`],
      ) as Promise<{ code: string; name: string; name_en: string; path: string; parent_code: string | null }[]>,
    ]);
    const counts = new Map<string, JurisdictionCounts>();
    for (const [path, metrics] of byPath) {
      const entry = zeroCounts();
      for (const [metric, n] of metrics) entry[JURISDICTION_FIGURES[metric]] += n;
      counts.set(path, entry);
    }
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
    // Open-ended: up to the end of today in Shanghai (a whole day, so the roll-up can answer it too).
    const to = filter.to ?? shanghaiDayStart(this.clock.now(), 1);
    // Every period of the range (so that a chart shows quiet months as zeros), by the instant it starts.
    const starts = shanghaiPeriodStarts(from, to, granularity);
    const label = granularity === 'month' ? 7 : 10; // YYYY-MM or YYYY-MM-DD
    const points = starts.map((s): TrendPoint => ({ period: shanghaiDate(s).slice(0, label), filesOpened: 0, sightingsReceived: 0, childrenRecovered: 0, reunited: 0 }));
    if (!c || points.length === 0) return points;
    // A row's period by binary search over the period starts followed by the end of the range (width_bucket:
    // bucket i is period i - 1), not by converting every row's time to Shanghai time, which is what costs over a million rows.
    const instants = [...starts, to];
    const days = instants.map(shanghaiDate);
    const byPeriod = await this.count(c, Object.keys(TREND_FIGURES), {
      live: (p, at) => `width_bucket(${at}, ${p.add(instants)}::timestamptz[])`,
      rollup: (p, day) => `width_bucket(${day}, ${p.add(days)}::date[])`,
    });
    for (const [bucket, metrics] of byPeriod) {
      const point = points[Number(bucket) - 1];
      if (point) for (const [metric, n] of metrics) point[TREND_FIGURES[metric]] += n;
    }
    return points;
  }

  /** Counts of the metrics by the grouping's key: from the roll-up when it gives the same answer, otherwise from the rows. */
  private async count(c: Criteria, metrics: readonly string[], grouping: Grouping): Promise<Map<string, Map<string, number>>> {
    const statements = c.rollup
      ? [
          statement(
            (p) => `SELECT ${grouping.rollup(p, 's.day', 's.jurisdiction_path')} AS key, s.metric, sum(s.n) AS n
                      FROM ${c.rollupRows(p, metrics)} GROUP BY 1, 2 HAVING sum(s.n) <> 0`,
          ),
        ]
      : LIVE_COUNTS.filter((live) => live.metrics.some((m) => metrics.includes(m))).map((live) =>
          statement((p) => live.sql(p, c, (at, path) => grouping.live(p, at, path), metrics)),
        );
    const byKey = new Map<string, Map<string, number>>();
    for (const row of (await Promise.all(statements.map((s) => this.rows(s)))).flat()) {
      const key = String(row['key']);
      const metric = String(row['metric']);
      const counts = byKey.get(key) ?? new Map<string, number>();
      counts.set(metric, (counts.get(metric) ?? 0) + num(row['n']));
      byKey.set(key, counts);
    }
    return byKey;
  }

  /** A median duration in days (percentile_cont), rounded to a tenth. */
  private async median(c: Criteria, metric: MedianMetric): Promise<number | null> {
    const { at, since } = MEDIANS[metric];
    const row = await this.one(
      c.rollup
        ? // The histogram of exact durations: the middle one or two in order, through percentile_cont so that the arithmetic is the live statement's.
          statement(
            (p) => `WITH h AS (SELECT s.value, sum(s.n)::bigint AS n FROM ${c.rollupRows(p, [metric])} GROUP BY 1 HAVING sum(s.n) > 0),
                         r AS (SELECT value, n, (sum(n) OVER (ORDER BY value))::bigint AS upto, (sum(n) OVER ())::bigint AS total FROM h)
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.value * interval '1 microsecond') / 86400) AS n
                      FROM r CROSS JOIN LATERAL (VALUES ((r.total - 1) / 2 + 1), (r.total / 2 + 1)) k (rank)
                     WHERE k.rank > r.upto - r.n AND k.rank <= r.upto`,
          )
        : statement(
            (p) => `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${at} - ${since}) / 86400) AS n
                      FROM cases c
                     WHERE c.deleted_at IS NULL AND ${c.period(p, at)} AND ${since} IS NOT NULL
                       AND ${c.scope(p, 'c.jurisdiction_path')} AND ${c.campaignCase(p, 'c.id')}`,
          ),
    );
    return median(row['n']);
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
    return new Criteria(prefix, filter.from, filter.to, filter.campaignId, filter.fromRows);
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
