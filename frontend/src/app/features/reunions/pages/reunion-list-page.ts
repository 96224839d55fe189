import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { REUNION_STATUSES, ReunionsApiService } from '../data/reunions-api.service';
import type { ReunionStatus, ReunionSummary } from '../data/reunions-api.service';
import { SignOffFlow } from '../data/sign-off';

/** Reunions in scope; at /reunions/awaiting-sign-off (or `?status=pending_sign_off`), a supervisor's sign-off queue. */
@Component({
  selector: 'hw-reunion-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    EmptyState,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ (status.value === 'pending_sign_off' ? 'reunions.list.pendingTitle' : 'reunions.list.title') | transloco }}</h1>
      @if (canCreate()) {
        <a mat-flat-button routerLink="/reunions/new"><mat-icon svgIcon="add" />{{ 'reunions.list.log' | transloco }}</a>
      }
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'reunions.field.status' | transloco }}</mat-label>
        <mat-select [formControl]="status">
          <mat-select-trigger>{{ (status.value === 'all' ? 'common.all' : 'reunions.status.' + status.value) | transloco }}</mat-select-trigger>
          <mat-option value="all">{{ 'common.all' | transloco }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ 'reunions.status.' + s | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>
    <div class="hw-table-wrap">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @let result = list.page();
      @if (result && result.items.length) {
        <table mat-table [dataSource]="result.items" [attr.aria-label]="'reunions.list.title' | transloco">
          <ng-container matColumnDef="reunitedOn">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.reunitedOn' | transloco }}</th>
            <td mat-cell *matCellDef="let r"><a [routerLink]="['/reunions', r.id]">{{ r.reunitedOn }}</a></td>
          </ng-container>
          <ng-container matColumnDef="child">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.child' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ r.childName }} <span class="hw-muted">{{ r.caseNumber }}</span></td>
          </ng-container>
          <ng-container matColumnDef="place">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.place' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ r.place }}</td>
          </ng-container>
          <ng-container matColumnDef="evidence">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.evidence' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ 'reunions.evidenceKind.' + r.evidenceKind | transloco }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.status' | transloco }}</th>
            <td mat-cell *matCellDef="let r">
              <span class="hw-status" [class]="r.status">{{ 'reunions.status.' + r.status | transloco }}</span>
              @if (r.overdueFollowUps) {
                <span class="hw-status overdue">{{ 'reunions.list.overdue' | transloco: { count: r.overdueFollowUps } }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">{{ 'reunions.list.actions' | transloco }}</span></th>
            <td mat-cell *matCellDef="let r" (click)="$event.stopPropagation()">
              @if (mayDecide(r)) {
                <button mat-button type="button" (click)="decide(r, 'verify')">{{ 'reunions.signOff.verify' | transloco }}</button>
                <button mat-button type="button" class="hw-danger-text" (click)="decide(r, 'reject')">{{ 'reunions.signOff.reject' | transloco }}</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let r; columns: columns" class="hw-clickable" (click)="open(r)"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state
          icon="inbox"
          [title]="(status.value === 'pending_sign_off' ? 'reunions.list.pendingEmpty' : 'reunions.list.empty') | transloco"
          [hint]="'reunions.list.emptyHint' | transloco"
        />
      }
      <mat-paginator
        [length]="result?.total ?? 0"
        [pageIndex]="list.pageIndex()"
        [pageSize]="list.pageSize()"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="list.onPage($event)"
      />
    </div>
  `,
  styleUrl: './reunions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReunionListPage {
  private readonly api = inject(ReunionsApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly ability = inject(AbilityService);
  private readonly me = inject(AuthService).me;
  private readonly signOff = inject(SignOffFlow);

  protected readonly statuses = REUNION_STATUSES;
  protected readonly columns = ['reunitedOn', 'child', 'place', 'evidence', 'status', 'actions'];
  protected readonly status = new FormControl<ReunionStatus | 'all'>('all', { nonNullable: true });
  protected readonly list = pagedList((paging) => {
    const status = this.status.value;
    return this.api.list({ status: status === 'all' ? undefined : status, ...paging });
  });
  protected readonly canCreate = () => this.ability.can('create', 'Reunion');

  constructor() {
    this.route.queryParamMap.pipe(takeUntilDestroyed()).subscribe((params) => {
      const wanted = (params.get('status') ?? this.route.snapshot.data['status'] ?? null) as ReunionStatus | null;
      this.status.setValue(wanted && REUNION_STATUSES.includes(wanted) ? wanted : 'all', { emitEvent: false });
      this.list.firstPage();
    });
    this.status.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      void this.router.navigate([], { queryParams: { status: value === 'all' ? null : value }, replaceUrl: true });
    });
  }

  /** A supervisor in scope may decide a pending reunion someone else logged. */
  protected mayDecide(r: ReunionSummary): boolean {
    return r.status === 'pending_sign_off' && r.loggedBy.id !== this.me()?.user.id && this.ability.can('verify', 'Reunion');
  }

  protected decide(r: ReunionSummary, decision: 'verify' | 'reject'): void {
    this.api.get(r.id).subscribe({
      next: (full) => this.signOff.run(r, full.evidence.description ?? '', decision).subscribe(() => this.list.load()),
      error: (error: unknown) => this.problems.show(error),
    });
  }

  protected open(r: ReunionSummary): void {
    void this.router.navigate(['/reunions', r.id]);
  }
}
