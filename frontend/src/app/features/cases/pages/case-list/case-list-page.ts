import { AsyncPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import {
  MatPaginatorIntl,
  MatPaginatorModule,
} from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import type { Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { AblePurePipe } from '@casl/angular';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import {
  CasePriorityLabel,
  CaseStatusChip,
} from '../../components/status-chip';
import {
  CASE_STATUSES,
  CHILD_SEXES,
  CasesApiService,
  SORTABLE_COLUMNS,
} from '../../data/cases-api.service';
import type {
  CaseQuery,
  CaseStatus,
  ChildSex,
} from '../../data/cases-api.service';
import { CaseListPaginatorIntl } from './case-list-paginator-intl';

@Component({
  selector: 'hw-case-list-page',
  imports: [
    AsyncPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    AblePurePipe,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    CaseStatusChip,
    CasePriorityLabel,
  ],
  templateUrl: './case-list-page.html',
  styleUrl: './case-list-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    CaseListPaginatorIntl,
    { provide: MatPaginatorIntl, useExisting: CaseListPaginatorIntl },
  ],
})
export class CaseListPage {
  private readonly api = inject(CasesApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly paginatorIntl = inject(CaseListPaginatorIntl);
  protected readonly language = inject(LanguageService).current;

  protected readonly statuses = CASE_STATUSES;
  protected readonly sexes = CHILD_SEXES;
  protected readonly columns = [
    'caseNumber',
    'child',
    'age',
    'status',
    'priority',
    'lastSeenAt',
    'jurisdiction',
    'officer',
  ];
  protected readonly loading = signal(true);
  protected readonly page = signal<Schemas['CasePageDto'] | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly sort = signal<string | undefined>(undefined);

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    status: new FormControl<CaseStatus | 'all'>('all', { nonNullable: true }),
    sex: new FormControl<ChildSex | 'all'>('all', { nonNullable: true }),
    ageMin: new FormControl<number | null>(null),
    ageMax: new FormControl<number | null>(null),
    lastSeenFrom: new FormControl('', { nonNullable: true }),
    lastSeenTo: new FormControl('', { nonNullable: true }),
    mine: new FormControl(false, { nonNullable: true }),
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
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected onSort(event: Sort): void {
    const field = SORTABLE_COLUMNS[event.active];
    this.sort.set(
      field && event.direction
        ? `${event.direction === 'desc' ? '-' : ''}${field}`
        : undefined,
    );
    this.pageIndex.set(0);
    this.load();
  }

  protected clearFilters(): void {
    this.filters.reset();
  }

  protected open(row: Schemas['CaseSummaryDto']): void {
    void this.router.navigate(['/cases', row.id]);
  }

  private query(): CaseQuery {
    const f = this.filters.getRawValue();
    const age = (value: number | null) =>
      value === null || Number.isNaN(Number(value))
        ? undefined
        : Math.max(0, Math.trunc(Number(value)));
    return {
      q: f.q.trim() || undefined,
      status: f.status === 'all' ? undefined : f.status,
      sex: f.sex === 'all' ? undefined : f.sex,
      ageMin: age(f.ageMin),
      ageMax: age(f.ageMax),
      // Whole days in local time: "to" includes its day.
      lastSeenFrom: f.lastSeenFrom
        ? new Date(`${f.lastSeenFrom}T00:00:00`).toISOString()
        : undefined,
      lastSeenTo: f.lastSeenTo
        ? new Date(
            new Date(`${f.lastSeenTo}T00:00:00`).getTime() + 86_400_000,
          ).toISOString()
        : undefined,
      assignedOfficerId: f.mine ? this.auth.me()?.user.id : undefined,
      sort: this.sort(),
      page: this.pageIndex() + 1,
      pageSize: this.pageSize(),
    };
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .list(this.query())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.paginatorIntl.setTotalIsEstimate(page.totalIsEstimate);
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
