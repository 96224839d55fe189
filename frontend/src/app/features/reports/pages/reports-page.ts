import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { FieldError } from '@hw/shared/ui/field-error';
import { timer } from 'rxjs';
import { ExportsPanel } from '../components/exports-panel';
import { type Campaign, type ReportJob, ReportsApiService, saveFile } from '../data/reports-api.service';

/** How often the job list is refreshed while a report is being made. */
const POLL_MS = 1500;

/** This month in Shanghai, `YYYY-MM` (the latest month a report can cover). */
function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Reports: request a campaign or monthly PDF, follow the jobs, download them; exports for supervisors. */
@Component({
  selector: 'hw-reports-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    FieldError,
    ExportsPanel,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'reports.title' | transloco }}</h1>
    </header>
    <div class="hw-reports">
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title>{{ 'reports.request.title' | transloco }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <form class="hw-form" [formGroup]="form" (ngSubmit)="submit()">
            <mat-radio-group formControlName="type" [attr.aria-label]="'reports.request.type' | transloco">
              <mat-radio-button value="campaign">{{ 'reports.type.campaign' | transloco }}</mat-radio-button>
              <mat-radio-button value="monthly">{{ 'reports.type.monthly' | transloco }}</mat-radio-button>
            </mat-radio-group>
            @if (form.controls.type.value === 'campaign') {
              <mat-form-field>
                <mat-label>{{ 'reports.request.campaign' | transloco }}</mat-label>
                <mat-select formControlName="campaignId" data-testid="report-campaign">
                  @for (c of campaigns(); track c.id) {
                    <mat-option [value]="c.id">{{ c.name }} ({{ c.startsOn }} – {{ c.endsOn }})</mat-option>
                  }
                </mat-select>
                @if (!campaigns().length) {
                  <mat-hint>{{ 'reports.request.noCampaigns' | transloco }}</mat-hint>
                }
                <mat-error><hw-field-error [control]="form.controls.campaignId" /></mat-error>
              </mat-form-field>
            } @else {
              <mat-form-field>
                <mat-label>{{ 'reports.request.month' | transloco }}</mat-label>
                <input matInput type="month" formControlName="month" [max]="maxMonth" data-testid="report-month" />
                <mat-error><hw-field-error [control]="form.controls.month" /></mat-error>
              </mat-form-field>
            }
            <mat-form-field>
              <mat-label>{{ 'reports.request.language' | transloco }}</mat-label>
              <mat-select formControlName="language">
                <mat-option value="zh-CN">中文</mat-option>
                <mat-option value="en">English</mat-option>
              </mat-select>
            </mat-form-field>
            @if (form.controls.type.value === 'campaign') {
              <mat-radio-group formControlName="childNames" class="hw-names" [attr.aria-label]="'reports.request.childNames' | transloco">
                <span class="hw-label">{{ 'reports.request.childNames' | transloco }}</span>
                <mat-radio-button value="initials">{{ 'reports.names.initials' | transloco }}</mat-radio-button>
                <mat-radio-button value="full">{{ 'reports.names.full' | transloco }}</mat-radio-button>
              </mat-radio-group>
              @if (form.controls.childNames.value === 'full') {
                <p class="hw-warning" role="alert">
                  <mat-icon svgIcon="error" aria-hidden="true" />
                  {{ 'reports.names.fullWarning' | transloco }}
                </p>
              }
            }
            <div class="hw-form-actions">
              <button mat-flat-button type="submit" [disabled]="submitting()" data-testid="report-submit">
                {{ 'reports.request.submit' | transloco }}
              </button>
            </div>
          </form>
        </mat-card-content>
      </mat-card>

      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title>{{ 'reports.jobs.title' | transloco }}</mat-card-title>
        </mat-card-header>
        <mat-card-content>
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
          }
          <ul class="hw-jobs" [attr.aria-label]="'reports.jobs.title' | transloco">
            @for (job of jobs(); track job.id) {
              <li class="hw-job" [attr.data-status]="job.status" data-testid="report-job">
                <div class="hw-job-what">
                  <strong>{{ job.type === 'campaign' ? job.campaignName : ('reports.jobs.month' | transloco: { month: job.month }) }}</strong>
                  <span class="hw-muted">
                    {{ 'reports.type.' + job.type | transloco }} · {{ job.language === 'zh-CN' ? '中文' : 'English' }}
                    @if (job.childNames === 'full') {
                      · {{ 'reports.names.full' | transloco }}
                    }
                    · {{ job.createdAt | hwDateTime: language() }}
                  </span>
                </div>
                <div class="hw-job-state">
                  @switch (job.status) {
                    @case ('done') {
                      <button mat-stroked-button type="button" (click)="download(job)" [disabled]="downloading() === job.id" data-testid="report-download">
                        <mat-icon svgIcon="download" aria-hidden="true" />
                        {{ 'reports.jobs.download' | transloco }}
                        @if (job.pages) {
                          ({{ 'reports.jobs.pages' | transloco: { pages: job.pages } }})
                        }
                      </button>
                    }
                    @case ('failed') {
                      <span class="hw-status failed">{{ 'reports.status.failed' | transloco }}</span>
                      <span class="hw-muted">{{ 'reports.jobs.failedHint' | transloco }}</span>
                    }
                    @default {
                      <span class="hw-status">{{ 'reports.status.' + job.status | transloco }} · {{ job.progress }}%</span>
                      <mat-progress-bar
                        mode="determinate"
                        [value]="job.progress"
                        [attr.aria-label]="'reports.jobs.progress' | transloco: { progress: job.progress }"
                      />
                    }
                  }
                </div>
              </li>
            } @empty {
              @if (!loading()) {
                <hw-empty-state icon="inbox" [title]="'reports.jobs.empty' | transloco" [hint]="'reports.jobs.emptyHint' | transloco" />
              }
            }
          </ul>
        </mat-card-content>
      </mat-card>

      @if (canExport) {
        <hw-exports-panel />
      }
    </div>
  `,
  styles: `
    .hw-reports {
      display: grid;
      gap: 16px;
      max-width: 960px;
    }
    .hw-names {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .hw-label {
      flex-basis: 100%;
    }
    .hw-warning {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .hw-jobs {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .hw-job {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 12px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .hw-job-what {
      display: flex;
      flex-direction: column;
    }
    .hw-job-state {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 4px;
      min-width: 200px;
    }
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .hw-status.failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsPage {
  private readonly api = inject(ReportsApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;
  protected readonly canExport = inject(AbilityService).can('export', 'Export');
  protected readonly maxMonth = currentMonth();

  protected readonly form = new FormGroup({
    type: new FormControl<'campaign' | 'monthly'>('campaign', { nonNullable: true }),
    campaignId: new FormControl<string>('', { nonNullable: true, validators: [Validators.required] }),
    month: new FormControl<string>(currentMonth(), { nonNullable: true, validators: [Validators.required] }),
    language: new FormControl<'zh-CN' | 'en'>(this.language() === 'zh-CN' ? 'zh-CN' : 'en', { nonNullable: true }),
    childNames: new FormControl<'initials' | 'full'>('initials', { nonNullable: true }),
  });
  protected readonly campaigns = signal<Campaign[]>([]);
  protected readonly jobs = signal<ReportJob[]>([]);
  protected readonly loading = signal(true);
  protected readonly submitting = signal(false);
  protected readonly downloading = signal<string | null>(null);
  private readonly working = computed(() => this.jobs().some((job) => job.status === 'queued' || job.status === 'running'));
  private polling = false;

  constructor() {
    this.api
      .campaigns()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (campaigns) => {
          this.campaigns.set(campaigns);
          if (campaigns.length && !this.form.controls.campaignId.value) this.form.controls.campaignId.setValue(campaigns[0].id);
        },
        error: (error: unknown) => this.problems.show(error),
      });
    this.refresh();
  }

  protected submit(): void {
    const { type, campaignId, month, language, childNames } = this.form.getRawValue();
    const relevant = type === 'campaign' ? this.form.controls.campaignId : this.form.controls.month;
    relevant.markAsTouched();
    if (relevant.invalid || this.submitting()) return;
    this.submitting.set(true);
    const body = type === 'campaign' ? { type, campaignId, language, childNames } : { type, month, language, childNames: 'initials' as const };
    this.api
      .request(body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (job) => {
          this.submitting.set(false);
          this.jobs.update((jobs) => [job, ...jobs.filter((j) => j.id !== job.id)]);
          this.problems.notify(this.transloco.translate('reports.request.queued'));
          this.poll();
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.problems.applyToForm(error, this.form);
        },
      });
  }

  protected download(job: ReportJob): void {
    this.downloading.set(job.id);
    this.api
      .file(job.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (file) => {
          this.downloading.set(null);
          saveFile(file);
        },
        error: (error: unknown) => {
          this.downloading.set(null);
          this.problems.show(error);
        },
      });
  }

  private refresh(): void {
    this.api
      .list()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ items }) => {
          this.jobs.set(items);
          this.loading.set(false);
          this.poll();
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }

  /** While a job is queued or running, refresh the list every POLL_MS; stops when all are finished. */
  private poll(): void {
    if (this.polling || !this.working()) return;
    this.polling = true;
    timer(POLL_MS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.polling = false;
        this.refresh();
      });
  }
}
