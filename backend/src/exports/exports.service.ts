import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, type ObjectLiteral, type QueryRunner, type SelectQueryBuilder } from 'typeorm';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { Problem } from '../common/problem';
import { JurisdictionsService } from '../jurisdictions/jurisdictions.service';
import { rollUpJurisdictions } from '../reports/rendering';
import { RescuesService } from '../rescues/rescues.service';
import { SightingsService } from '../sightings/sightings.service';
import { StatisticsService, STATISTICS_TIME_ZONE } from '../statistics/statistics.service';
import { assertMayExport, EXPORT_DEFINITIONS, exportColumnsFor, type ExportKind } from './export-columns';
import type { CaseExportQueryDto, ExportFormatDto, PeriodFilterDto, RescueExportQueryDto, ReunionExportQueryDto, SightingExportQueryDto, StatisticsExportQueryDto } from './exports.dto';
import { type ExportRow, writeCsv, writeXlsx } from './writers';

/** Rows fetched from the database cursor at a time. */
const BATCH = 1000;
const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Where an export's rows come from: a SELECT read through a cursor, or rows already computed. */
type RowSource = { sql: string; params: unknown[] } | { rows: ExportRow[] };

/**
 * CSV and XLSX exports, streamed: the rows are read through a server-side cursor (one snapshot, a
 * batch at a time) and written to the response with back-pressure, so a file of any length uses
 * the same memory. Each export is audited twice: when it starts (kind, format, filters) and when it
 * ends, with the number of rows that reached the file (or, if the download was cut off, how many had).
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('Exports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    private readonly sightings: SightingsService,
    private readonly rescues: RescuesService,
    private readonly statistics: StatisticsService,
    private readonly jurisdictions: JurisdictionsService,
  ) {}

  async exportCases(access: AccessContext, query: CaseExportQueryDto, response: Response): Promise<void> {
    assertMayExport(access.ability, 'cases');
    const qb = (await this.cases.matchingListQuery(access, query))
      .select('c.case_number', 'caseNumber')
      .addSelect('c.child_full_name', 'childName')
      .addSelect('c.child_sex', 'childSex')
      .addSelect(`to_char(c.child_birth_date_estimate, 'YYYY-MM-DD')`, 'childBirthDate')
      .addSelect('c.last_seen_at', 'lastSeenAt')
      .addSelect('c.last_seen_place', 'lastSeenPlace')
      .addSelect('j.code', 'jurisdictionCode')
      .addSelect('j.name', 'jurisdictionName')
      .addSelect('c.status', 'status')
      .addSelect('c.priority', 'priority')
      .addSelect('officer.display_name', 'assignedOfficer')
      .addSelect('c.created_at', 'createdAt')
      .addSelect('c.found_at', 'foundAt')
      .addSelect('c.reunited_at', 'reunitedAt')
      .addSelect('c.closed_at', 'closedAt');
    await this.stream(access, 'cases', query, cursorSource(qb), response);
  }

  async exportSightings(access: AccessContext, query: SightingExportQueryDto, response: Response): Promise<void> {
    assertMayExport(access.ability, 'sightings');
    const qb = (await this.sightings.listQuery(access, query))
      .leftJoin('jurisdictions', 'j', 'j.id = s.jurisdiction_id')
      .leftJoin('cases', 'linked', 'linked.id = s.linked_case_id')
      .select('s.seen_at', 'seenAt')
      .addSelect('s.source', 'source')
      .addSelect('s.status', 'status')
      .addSelect('s.place_text', 'placeText')
      .addSelect('s.latitude', 'latitude')
      .addSelect('s.longitude', 'longitude')
      .addSelect('j.code', 'jurisdictionCode')
      .addSelect('j.name', 'jurisdictionName')
      .addSelect('s.begging', 'begging')
      .addSelect('s.with_adult', 'withAdult')
      .addSelect('s.visible_injury_or_disability', 'visibleInjuryOrDisability')
      .addSelect('s.distressed', 'distressed')
      .addSelect('s.estimated_age_years::int', 'estimatedAgeYears')
      .addSelect('s.sex', 'sex')
      .addSelect('s.description', 'description')
      .addSelect('linked.case_number', 'linkedCaseNumber')
      .addSelect('s.dismissed_reason', 'dismissedReason')
      .addSelect('s.created_at', 'receivedAt');
    await this.stream(access, 'sightings', query, cursorSource(qb), response);
  }

  async exportRescues(access: AccessContext, query: RescueExportQueryDto, response: Response): Promise<void> {
    assertMayExport(access.ability, 'rescues');
    const qb = (await this.rescues.listQuery(access, query))
      .innerJoin('jurisdictions', 'j', 'j.id = r.jurisdiction_id')
      .select('r.occurred_at', 'occurredAt')
      .addSelect('r.place', 'place')
      .addSelect('j.code', 'jurisdictionCode')
      .addSelect('j.name', 'jurisdictionName')
      .addSelect(`array_to_string(r.agencies, '; ')`, 'agencies')
      .addSelect('(SELECT count(*)::int FROM rescued_children rc WHERE rc.rescue_id = r.id)', 'childrenRecovered')
      .addSelect('(SELECT count(*)::int FROM rescued_children rc WHERE rc.rescue_id = r.id AND rc.case_id IS NOT NULL)', 'childrenIdentified')
      .addSelect('r.suspects_detained', 'suspectsDetained')
      .addSelect(
        `(SELECT string_agg(cp.name, '; ' ORDER BY cp.starts_on) FROM campaign_records cr JOIN campaigns cp ON cp.id = cr.campaign_id
           WHERE cr.record_type = 'rescue' AND cr.record_id = r.id AND NOT cr.excluded)`,
        'campaigns',
      );
    qb.orderBy('r.occurred_at', 'DESC').addOrderBy('r.id', 'DESC');
    await this.stream(access, 'rescues', query, cursorSource(qb), response);
  }

  async exportReunions(access: AccessContext, query: ReunionExportQueryDto, response: Response): Promise<void> {
    assertMayExport(access.ability, 'reunions');
    const scope = scopeCondition(access.ability, 'read', 'Reunion', { jurisdictionPath: 'u.jurisdiction_path' });
    const today = `(CAST(:now AS timestamptz) AT TIME ZONE '${STATISTICS_TIME_ZONE}')::date`;
    const qb = this.dataSource
      .createQueryBuilder()
      .from('reunions', 'u')
      .innerJoin('cases', 'c', 'c.id = u.case_id')
      .innerJoin('jurisdictions', 'j', 'j.id = c.jurisdiction_id')
      .leftJoin('organisations', 'o', 'o.id = u.organisation_id')
      .select(`to_char(u.reunited_on, 'YYYY-MM-DD')`, 'reunitedOn')
      .addSelect('c.case_number', 'caseNumber')
      .addSelect('c.child_full_name', 'childName')
      .addSelect('u.place', 'place')
      .addSelect('j.code', 'jurisdictionCode')
      .addSelect('j.name', 'jurisdictionName')
      .addSelect('u.evidence_kind', 'evidenceKind')
      .addSelect('u.verification_status', 'verificationStatus')
      .addSelect('o.name', 'organisation')
      .addSelect('(SELECT count(*)::int FROM reunion_follow_ups f WHERE f.reunion_id = u.id AND f.visited_on IS NOT NULL)', 'followUpsDone')
      .addSelect(`(SELECT count(*)::int FROM reunion_follow_ups f WHERE f.reunion_id = u.id AND f.visited_on IS NULL AND f.due_on < ${today})`, 'followUpsOverdue')
      .where(scope.sql, scope.params)
      .setParameter('now', this.clock.now());
    const day = (p: string) => `(CAST(:${p} AS timestamptz) AT TIME ZONE '${STATISTICS_TIME_ZONE}')::date`;
    await this.period(qb, query, 'u.jurisdiction_path', `u.reunited_on >= ${day('from')}`, `u.reunited_on < ${day('to')}`);
    if (query.status) qb.andWhere('u.verification_status = :status', { status: query.status });
    qb.orderBy('u.reunited_on', 'DESC').addOrderBy('u.id', 'DESC');
    await this.stream(access, 'reunions', query, cursorSource(qb), response);
  }

  /** Figures per jurisdiction, rolled up the tree (a prefecture's row includes its counties). */
  async exportStatistics(access: AccessContext, query: StatisticsExportQueryDto, response: Response): Promise<void> {
    assertMayExport(access.ability, 'statistics');
    checkPeriod(query);
    const rows = await this.statistics.byJurisdiction(
      { jurisdictionPath: access.actor.jurisdictionPath },
      { from: toDate(query.from), to: toDate(query.to), jurisdictionCode: query.jurisdictionCode, campaignId: query.campaignId },
    );
    const table = rollUpJurisdictions(rows).map(({ row, depth, totals }) => ({ jurisdictionCode: row.code, jurisdictionName: row.name, level: depth, ...totals }));
    await this.stream(access, 'statistics', query, { rows: table }, response);
  }

  private async period(qb: SelectQueryBuilder<ObjectLiteral>, query: PeriodFilterDto, pathColumn: string, fromSql: string, toSql: string): Promise<void> {
    checkPeriod(query);
    if (query.jurisdictionCode) {
      const j = await this.jurisdictions.requireCode(query.jurisdictionCode);
      qb.andWhere(`${pathColumn} LIKE :jprefix`, { jprefix: `${j.path}%` });
    }
    if (query.from) qb.andWhere(fromSql, { from: query.from });
    if (query.to) qb.andWhere(toSql, { to: query.to });
  }

  private async stream(access: AccessContext, kind: ExportKind, query: ExportFormatDto, source: RowSource, response: Response): Promise<void> {
    const format = query.format ?? 'csv';
    const language = query.language ?? 'zh-CN';
    const columns = exportColumnsFor(kind, access.actor.role);
    const filters = Object.fromEntries(Object.entries(query).filter(([key, value]) => key !== 'format' && key !== 'language' && value !== undefined));
    const exportId = randomUUID();
    const entry = { entityType: 'Export', entityId: exportId, jurisdictionPath: access.actor.jurisdictionPath };
    const runner = 'sql' in source ? this.dataSource.createQueryRunner() : null;
    let rowsSent = 0;
    let started = false;
    let completed = false;
    try {
      let rows: AsyncIterable<ExportRow> | Iterable<ExportRow>;
      if (runner && 'sql' in source) {
        await runner.connect();
        // One snapshot for the whole file, read a batch at a time (no whole-result buffering).
        await runner.startTransaction('REPEATABLE READ');
        await runner.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${source.sql}`, source.params);
        rows = cursorRows(runner);
      } else {
        rows = (source as { rows: ExportRow[] }).rows;
      }
      await this.audit.record(access, { action: 'export.start', ...entry, details: { kind, format, language, filters } });
      started = true;
      const stamp = this.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
      response.status(200).set({
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="homeward-${kind}-${stamp}.${format}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      // The final audit entry (with the row count) is written when the last row has passed and before
      // the response ends, so a complete download always has its entry. The writers wait for 'drain';
      // if the client goes away, the pipeline errors the body and they stop.
      const body = new Transform({
        transform: (chunk, _encoding, callback) => callback(null, chunk),
        flush: (callback) => {
          this.audit
            .record(access, { action: 'export', ...entry, details: { kind, format, language, filters, rowCount: rowsSent } })
            .then(() => {
              completed = true;
              callback();
            }, callback);
        },
      });
      const delivered = pipeline(body, response);
      const counted = counting(rows, () => rowsSent++);
      const options = { language, sheetName: EXPORT_DEFINITIONS[kind].sheet[language] };
      await Promise.all([format === 'csv' ? writeCsv(counted, columns, body, options).then(() => body.end()) : writeXlsx(counted, columns, body, options), delivered]);
    } catch (error) {
      if (!started) throw error;
      if (completed) return; // audited as complete; the client went away while the last bytes were sent
      // Too late for an error response: the download is cut off, and the audit says how far it got.
      this.logger.warn(`Export ${exportId} (${kind}) stopped after ${rowsSent} rows: ${String(error)}`);
      if (!response.destroyed) response.destroy();
      await this.audit.record(access, { action: 'export', ...entry, outcome: 'failure', details: { kind, format, language, filters, rowCount: rowsSent, completed: false } });
    } finally {
      if (runner) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
  }
}

function cursorSource(qb: SelectQueryBuilder<ObjectLiteral>): RowSource {
  const [sql, params] = qb.getQueryAndParameters();
  return { sql, params };
}

async function* cursorRows(runner: QueryRunner): AsyncGenerator<ExportRow> {
  for (;;) {
    const batch: ExportRow[] = await runner.query(`FETCH ${BATCH} FROM export_rows`);
    yield* batch;
    if (batch.length < BATCH) return;
  }
}

async function* counting<T>(rows: AsyncIterable<T> | Iterable<T>, onRow: () => void): AsyncGenerator<T> {
  for await (const row of rows) {
    onRow();
    yield row;
  }
}

function toDate(value: string | undefined): Date | undefined {
  return value ? new Date(value) : undefined;
}

function checkPeriod(query: PeriodFilterDto): void {
  if (query.from && query.to && new Date(query.from) >= new Date(query.to)) {
    throw new Problem(HttpStatus.BAD_REQUEST, '"from" must be before "to".', { code: 'VALIDATION_FAILED', errors: [{ field: 'from', message: 'not before to' }] });
  }
}
