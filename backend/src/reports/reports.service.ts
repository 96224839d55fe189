import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { record } from '../access/ability.factory';
import type { AccessContext } from '../access/actor';
import { scopeCondition } from '../access/scope-query';
import { StorageService } from '../attachments/storage.service';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { Problem, RecordNotFound } from '../common/problem';
import { JobQueue } from '../jobs/job-queue.service';
import { renderCampaignReport, renderMonthlyStatisticsReport } from './rendering';
import { ReportDataService } from './report-data.service';
import { type CreateReportDto, type ReportJobDto, type ReportJobListDto, type ReportJobRow, toReportJobDto } from './reports.dto';

export const RENDER_REPORT_JOB = 'reports.render';
/** Jobs listed on the reports page. */
const RECENT_JOBS = 50;
const JOB_COLUMNS = `j.id, j.type, j.campaign_id, c.name AS campaign_name, j.month, j.language, j.child_names, j.status, j.progress,
  j.error, j.file_key, j.file_bytes, j.pages, j.requested_by, u.display_name AS requested_by_name, j.jurisdiction_path, j.created_at, j.finished_at`;
const JOB_FROM = `report_jobs j JOIN users u ON u.id = j.requested_by LEFT JOIN campaigns c ON c.id = j.campaign_id`;
const REPORT_SCOPE_COLUMNS = { requestedById: 'j.requested_by', jurisdictionPath: 'j.jurisdiction_path' };
const FAILED_MESSAGE = 'The report could not be made. Request it again; if it fails again, tell your administrator (the server log has the cause).';

/** Same-size progress steps: data assembled (up to 60), rendered (90), stored (100). */
const PROGRESS_DATA_END = 60;
const PROGRESS_RENDERED = 90;

/**
 * PDF reports as background jobs (pg-boss): the request stores a job with the requester's scope and
 * is answered at once; a worker gathers the data inside that scope, renders it, stores the PDF with
 * the attachments' storage and moves the progress along. A job survives a restart (pg-boss runs it
 * again; a job already done is not redone).
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly data: ReportDataService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ jobId: string }>(RENDER_REPORT_JOB, ({ jobId }) => this.run(jobId), { retryLimit: 2 });
  }

  async request(access: AccessContext, dto: CreateReportDto): Promise<ReportJobDto> {
    const childNames = dto.childNames ?? 'initials';
    if (dto.type === 'monthly' && childNames === 'full') {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'A monthly statistics report always names children by their initials; leave childNames out or set it to initials.', {
        code: 'FULL_NAMES_CAMPAIGN_ONLY',
        errors: [{ field: 'childNames', message: 'only initials in a monthly report' }],
      });
    }
    const subject = dto.type === 'campaign' ? await this.campaignInScope(access, dto.campaignId!) : dto.month!;
    if (dto.type === 'monthly') this.checkMonth(dto.month!);
    const jobId = await this.dataSource.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO report_jobs (type, campaign_id, month, language, child_names, requested_by, jurisdiction_path, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [dto.type, dto.type === 'campaign' ? dto.campaignId : null, dto.type === 'monthly' ? dto.month : null, dto.language, childNames, access.actor.id, access.actor.jurisdictionPath, this.clock.now()],
      );
      // Names the report, so that a full-names choice can be traced to the document it went into.
      await this.audit.record(
        access,
        {
          action: childNames === 'full' ? 'report.request_full_names' : 'report.request',
          entityType: 'Report',
          entityId: id,
          jurisdictionPath: access.actor.jurisdictionPath,
          details: { type: dto.type, report: subject, campaignId: dto.campaignId ?? null, month: dto.month ?? null, language: dto.language, childNames },
        },
        manager,
      );
      return id;
    });
    try {
      await this.jobs.send(RENDER_REPORT_JOB, { jobId });
    } catch (error) {
      // Without a queue the job would wait for ever: say so on the job rather than leave it queued.
      this.logger.error(`Could not enqueue report ${jobId}: ${String(error)}`);
      await this.finishFailed(jobId);
    }
    return this.get(access, jobId);
  }

  async list(access: AccessContext): Promise<ReportJobListDto> {
    const scope = scopeCondition(access.ability, 'read', 'Report', REPORT_SCOPE_COLUMNS);
    const qb = this.dataSource
      .createQueryBuilder()
      .select(JOB_COLUMNS)
      .from('report_jobs', 'j')
      .innerJoin('users', 'u', 'u.id = j.requested_by')
      .leftJoin('campaigns', 'c', 'c.id = j.campaign_id')
      .where('j.requested_by = :me', { me: access.actor.id })
      .andWhere(scope.sql, scope.params)
      .orderBy('j.created_at', 'DESC')
      .limit(RECENT_JOBS);
    const [sql, params] = qb.getQueryAndParameters();
    const rows: ReportJobRow[] = await this.dataSource.query(sql, params);
    return { items: rows.map(toReportJobDto) };
  }

  async get(access: AccessContext, id: string): Promise<ReportJobDto> {
    return toReportJobDto(await this.loadInScope(access, id));
  }

  /** The PDF of a finished job; every download is audited. */
  async file(access: AccessContext, id: string): Promise<{ data: Buffer; fileName: string }> {
    const job = await this.loadInScope(access, id);
    if (job.status !== 'done' || !job.file_key) {
      throw new Problem(HttpStatus.CONFLICT, job.status === 'failed' ? 'This report failed; request it again.' : 'This report is not ready yet; wait until its progress reaches 100%.', {
        code: 'REPORT_NOT_READY',
        jobStatus: job.status,
      });
    }
    const data = await this.storage.get(job.file_key);
    if (!data) throw new Problem(HttpStatus.GONE, 'The file of this report is no longer stored; request the report again.', { code: 'REPORT_FILE_GONE' });
    await this.audit.record(access, {
      action: 'report.download',
      entityType: 'Report',
      entityId: id,
      jurisdictionPath: job.jurisdiction_path,
      details: { type: job.type, campaignId: job.campaign_id, month: job.month, childNames: job.child_names },
    });
    const subject = job.type === 'campaign' ? 'campaign' : `monthly-${job.month}`;
    return { data, fileName: `homeward-${subject}-report-${job.language}-${id.slice(0, 8)}.pdf` };
  }

  /** The worker: gathers, renders and stores one report. Idempotent: a finished job is left alone. */
  async run(jobId: string): Promise<void> {
    const [job]: ReportJobRow[] = await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE j.id = $1`, [jobId]);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    await this.dataSource.query(`UPDATE report_jobs SET status = 'running', progress = 5, started_at = $2 WHERE id = $1`, [jobId, this.clock.now()]);
    const progress = (share: number) => this.setProgress(jobId, Math.round(5 + share * (PROGRESS_DATA_END - 5)));
    try {
      const options = { language: job.language, childNames: job.child_names };
      let pdf: Buffer;
      if (job.type === 'campaign') {
        const data = await this.data.campaign(job.campaign_id!, job.jurisdiction_path, progress);
        if (!data) throw new Error(`campaign ${job.campaign_id} no longer exists`);
        pdf = await renderCampaignReport(data, options);
      } else {
        pdf = await renderMonthlyStatisticsReport(await this.data.monthly(job.month!, job.jurisdiction_path, progress), options);
      }
      await this.setProgress(jobId, PROGRESS_RENDERED);
      const key = `reports/${jobId}.pdf`;
      await this.storage.put(key, pdf, 'application/pdf');
      await this.dataSource.query(
        `UPDATE report_jobs SET status = 'done', progress = 100, file_key = $2, file_bytes = $3, pages = $4, finished_at = $5, error = NULL WHERE id = $1`,
        [jobId, key, pdf.length, countPages(pdf), this.clock.now()],
      );
    } catch (error) {
      // Rendering the same data again would fail again: mark the job failed instead of retrying.
      this.logger.error(`Report ${jobId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await this.finishFailed(jobId);
    }
  }

  private async finishFailed(jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE report_jobs SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [jobId, FAILED_MESSAGE, this.clock.now()]);
  }

  private async setProgress(jobId: string, progress: number): Promise<void> {
    await this.dataSource.query(`UPDATE report_jobs SET progress = greatest(progress, $2) WHERE id = $1`, [jobId, progress]);
  }

  private async loadInScope(access: AccessContext, id: string): Promise<ReportJobRow> {
    const [job]: ReportJobRow[] = await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM ${JOB_FROM} WHERE j.id = $1`, [id]);
    if (!job || !access.ability.can('read', record('Report', { requestedById: job.requested_by, jurisdictionPath: job.jurisdiction_path }))) {
      throw new RecordNotFound('report');
    }
    return job;
  }

  /** The campaign's name, when the requester may read the campaign (404 otherwise, as for a missing one). */
  private async campaignInScope(access: AccessContext, campaignId: string): Promise<string> {
    const [campaign]: { name: string; jurisdiction_path: string }[] = await this.dataSource.query(`SELECT name, jurisdiction_path FROM campaigns WHERE id = $1`, [campaignId]);
    if (!campaign || !access.ability.can('read', record('Campaign', { jurisdictionPath: campaign.jurisdiction_path }))) throw new RecordNotFound('campaign');
    return campaign.name;
  }

  /** A month that has begun (Shanghai calendar): a report of the future would be empty. */
  private checkMonth(month: string): void {
    const current = new Date(this.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    if (month > current) {
      throw new Problem(HttpStatus.UNPROCESSABLE_ENTITY, `${month} has not begun yet; choose ${current} or an earlier month.`, {
        code: 'MONTH_IN_FUTURE',
        errors: [{ field: 'month', message: 'in the future' }],
      });
    }
  }
}

/** Pages of a PDF (pdfmake writes one `/Type /Page` object per page, and `/Type /Pages` for the tree). */
function countPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
