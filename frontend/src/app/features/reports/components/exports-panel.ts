import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { EXPORT_KINDS, type ExportFormat, type ExportKind, ReportsApiService, saveFile } from '../data/reports-api.service';

/** Each kind's own names for "from" and "to" (files and sightings use their lists' filters). */
const PERIOD_PARAMS: Record<ExportKind, [string, string]> = {
  cases: ['createdFrom', 'createdTo'],
  sightings: ['seenFrom', 'seenTo'],
  rescues: ['from', 'to'],
  reunions: ['from', 'to'],
  statistics: ['from', 'to'],
};

/** A calendar day `YYYY-MM-DD` as the start of that day in Shanghai. */
function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00+08:00`).toISOString() : undefined;
}

/** The day after `day` (an inclusive "to" day becomes an exclusive bound). */
function dayAfter(day: string): string | undefined {
  return day ? new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() : undefined;
}

/** CSV/XLSX downloads for supervisors: kind, format, a period and a place; every export is audited. */
@Component({
  selector: 'hw-exports-panel',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslocoPipe],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-card-title>{{ 'reports.exports.title' | transloco }}</mat-card-title>
        <mat-card-subtitle>{{ 'reports.exports.audited' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <form class="hw-filters" [formGroup]="form" (ngSubmit)="download()">
          <mat-form-field>
            <mat-label>{{ 'reports.exports.kind' | transloco }}</mat-label>
            <mat-select formControlName="kind" data-testid="export-kind">
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ 'reports.exports.kinds.' + kind | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reports.exports.format' | transloco }}</mat-label>
            <mat-select formControlName="format">
              <mat-option value="xlsx">Excel (XLSX)</mat-option>
              <mat-option value="csv">CSV</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reports.exports.from' | transloco }}</mat-label>
            <input matInput type="date" formControlName="from" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reports.exports.to' | transloco }}</mat-label>
            <input matInput type="date" formControlName="to" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'reports.exports.jurisdiction' | transloco }}</mat-label>
            <input matInput formControlName="jurisdictionCode" maxlength="12" inputmode="numeric" />
            <mat-hint>{{ 'reports.exports.jurisdictionHint' | transloco }}</mat-hint>
          </mat-form-field>
          <div class="hw-form-actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="export-download">
              <mat-icon svgIcon="download" aria-hidden="true" />
              {{ 'reports.exports.download' | transloco }}
            </button>
          </div>
        </form>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'reports.exports.preparing' | transloco" />
        }
      </mat-card-content>
    </mat-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportsPanel {
  private readonly api = inject(ReportsApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly language = inject(LanguageService).current;
  protected readonly kinds = EXPORT_KINDS;
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    kind: new FormControl<ExportKind>('cases', { nonNullable: true }),
    format: new FormControl<ExportFormat>('xlsx', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    jurisdictionCode: new FormControl('', { nonNullable: true }),
  });

  protected download(): void {
    const { kind, format, from, to, jurisdictionCode } = this.form.getRawValue();
    const [fromParam, toParam] = PERIOD_PARAMS[kind];
    this.busy.set(true);
    this.api
      .export(kind, format, this.language() === 'zh-CN' ? 'zh-CN' : 'en', {
        [fromParam]: dayStart(from),
        [toParam]: dayAfter(to),
        jurisdictionCode: jurisdictionCode.trim() || undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (file) => {
          this.busy.set(false);
          saveFile(file);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.problems.show(error);
        },
      });
  }
}
