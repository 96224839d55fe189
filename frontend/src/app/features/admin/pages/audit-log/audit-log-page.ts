import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AbilityService } from '@hw/core/access/ability.service';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { AUDIT_OUTCOMES, AuditApiService } from '../../data/audit-api.service';
import type { AuditOutcome } from '../../data/audit-api.service';

/** Start of the day for `from`, end of the day for `to`, in the reader's time zone, as ISO 8601. */
function dayBoundary(value: string, end: boolean): string {
  if (!value) return '';
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

@Component({
  selector: 'hw-audit-log-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
  ],
  templateUrl: './audit-log-page.html',
  styleUrl: './audit-log-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly api = inject(AuditApiService);
  private readonly problems = inject(ProblemService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;
  protected readonly canVerify = inject(AbilityService).can('verify', 'AuditEvent');

  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly columns = ['occurredAt', 'actor', 'action', 'entity', 'outcome', 'ip'];
  protected readonly loading = signal(true);
  protected readonly page = signal<Schemas['AuditEventPageDto'] | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(50);
  protected readonly verification = signal<Schemas['AuditVerificationDto'] | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verifyFailed = signal(false);

  protected readonly filters = new FormGroup({
    actor: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    entityType: new FormControl('', { nonNullable: true }),
    entityId: new FormControl('', { nonNullable: true }),
    outcome: new FormControl<AuditOutcome | 'all'>('all', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.filters.valueChanges
      .pipe(
        debounceTime(300),
        map(() => JSON.stringify(this.filters.getRawValue())),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.pageIndex.set(0);
        this.load();
      });
    this.load();
    if (this.canVerify) this.verify();
  }

  protected verify(): void {
    this.verifying.set(true);
    this.verifyFailed.set(false);
    this.api.verify().subscribe({
      next: (result) => {
        this.verification.set(result);
        this.verifying.set(false);
      },
      error: (error: unknown) => {
        this.verifying.set(false);
        this.verifyFailed.set(true);
        this.problems.show(error);
      },
    });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected clearFilters(): void {
    this.filters.reset();
  }

  private load(): void {
    const f = this.filters.getRawValue();
    this.loading.set(true);
    this.api
      .list({
        ...f,
        actor: f.actor.trim(),
        action: f.action.trim(),
        entityType: f.entityType.trim(),
        entityId: f.entityId.trim(),
        outcome: f.outcome === 'all' ? undefined : f.outcome,
        from: dayBoundary(f.from, false),
        to: dayBoundary(f.to, true),
        page: this.pageIndex() + 1,
        pageSize: this.pageSize(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.page.set(page);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.problems.show(error);
        },
      });
  }
}
