import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Schemas } from '@hw/core/api/api';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import {
  SIGHTING_STATUSES,
  SightingsApiService,
} from '../data/sightings-api.service';
import type { Sighting, SightingStatus } from '../data/sightings-api.service';

/** The triage queue: new sightings first by default, newest first. */
@Component({
  selector: 'hw-sighting-list-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'sightings.list.title' | transloco }}</h1>
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'sightings.list.status' | transloco }}</mat-label>
        <mat-select [formControl]="status">
          <mat-select-trigger>{{
            (status.value === 'all'
              ? 'common.all'
              : 'sightings.status.' + status.value
            ) | transloco
          }}</mat-select-trigger>
          <mat-option value="all">{{ 'common.all' | transloco }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{
              'sightings.status.' + s | transloco
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>
    <div class="hw-table-wrap">
      @if (loading()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'common.loading' | transloco"
        />
      }
      @let result = page();
      @if (result && result.items.length) {
        <table
          mat-table
          [dataSource]="result.items"
          [attr.aria-label]="'sightings.list.title' | transloco"
        >
          <ng-container matColumnDef="seenAt">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.field.seenAt' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              <a [routerLink]="['/sightings', s.id]">{{
                s.seenAt | hwDateTime: language()
              }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="place">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.field.place' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              {{ s.placeText || s.jurisdictionName }}
            </td>
          </ng-container>
          <ng-container matColumnDef="child">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.field.child' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              {{ 'sightings.sex.' + s.sex | transloco }}
              @if (s.estimatedAgeYears !== null) {
                ,
                {{
                  'sightings.ageYears' | transloco: { age: s.estimatedAgeYears }
                }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="photos">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.field.photos' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">{{ s.photos.length }}</td>
          </ng-container>
          <ng-container matColumnDef="top">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.list.topCandidate' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              @if (s.topCandidate; as top) {
                {{ top.caseNumber }} · {{ top.score * 100 | number: '1.0-0' }}%
              } @else {
                <span class="hw-muted">{{
                  (s.matchedAt
                    ? 'sightings.list.noCandidate'
                    : 'sightings.list.matching'
                  ) | transloco
                }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'sightings.list.status' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              <span class="hw-status" [class]="s.status">{{
                'sightings.status.' + s.status | transloco
              }}</span>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr
            mat-row
            *matRowDef="let s; columns: columns"
            class="hw-clickable"
            (click)="open(s)"
          ></tr>
        </table>
      } @else if (result && !loading()) {
        <hw-empty-state
          icon="inbox"
          [title]="'sightings.list.empty' | transloco"
          [hint]="'sightings.list.emptyHint' | transloco"
        />
      }
      <mat-paginator
        [length]="result?.total ?? 0"
        [pageIndex]="pageIndex()"
        [pageSize]="pageSize()"
        [pageSizeOptions]="[10, 25, 50, 100]"
        (page)="onPage($event)"
      />
    </div>
  `,
  styles: `
    .hw-muted {
      color: var(--mat-sys-on-surface-variant);
    }
  
    .hw-status {
      &.new {
        background: #ffe0b2;
        color: #6d3a00;
      }
      &.triaged {
        background: #d6e3ff;
        color: #0a3a7a;
      }
      &.linked {
        background: #d7f5dd;
        color: #0b5a1e;
      }
      &.dismissed,
      &.duplicate {
        background: var(--mat-sys-surface-container-highest);
        color: var(--mat-sys-on-surface-variant);
      }
    }
    `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SightingListPage {
  private readonly api = inject(SightingsApiService);
  private readonly problems = inject(ProblemService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly language = inject(LanguageService).current;

  protected readonly statuses = SIGHTING_STATUSES;
  protected readonly columns = [
    'seenAt',
    'place',
    'child',
    'photos',
    'top',
    'status',
  ];
  protected readonly status = new FormControl<SightingStatus | 'all'>('new', {
    nonNullable: true,
  });
  protected readonly loading = signal(true);
  protected readonly page = signal<Schemas['SightingPageDto'] | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);

  constructor() {
    this.status.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
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

  protected open(sighting: Sighting): void {
    void this.router.navigate(['/sightings', sighting.id]);
  }

  private load(): void {
    this.loading.set(true);
    const status = this.status.value;
    this.api
      .list({
        status: status === 'all' ? undefined : status,
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
