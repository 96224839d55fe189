import { AsyncPipe } from '@angular/common';
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
import { Router, RouterLink } from '@angular/router';
import { AblePurePipe } from '@casl/angular';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { USER_ROLES, USER_STATUSES, UsersApiService } from '../../data/users-api.service';
import type { UserRole, UserStatus } from '../../data/users-api.service';

@Component({
  selector: 'hw-user-list-page',
  imports: [
    AsyncPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    AblePurePipe,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
  ],
  templateUrl: './user-list-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserListPage {
  private readonly api = inject(UsersApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  protected readonly roles = USER_ROLES;
  protected readonly statuses = USER_STATUSES;
  protected readonly columns = ['username', 'displayName', 'role', 'organisation', 'jurisdiction', 'status', 'lastSignInAt'];
  protected readonly loading = signal(true);
  protected readonly page = signal<Schemas['UserPageDto'] | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);

  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    role: new FormControl<UserRole | 'all'>('all', { nonNullable: true }),
    status: new FormControl<UserStatus | 'all'>('all', { nonNullable: true }),
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

  protected clearFilters(): void {
    this.filters.reset();
  }

  protected open(user: Schemas['UserDto']): void {
    void this.router.navigate(['/admin/users', user.id]);
  }

  private queryFilters() {
    const { q, role, status } = this.filters.getRawValue();
    return { q: q.trim(), role: role === 'all' ? undefined : role, status: status === 'all' ? undefined : status };
  }

  private load(): void {
    this.loading.set(true);
    this.api
      .list({ ...this.queryFilters(), page: this.pageIndex() + 1, pageSize: this.pageSize() })
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
