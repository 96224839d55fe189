import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { DnaApiService, MATCH_STATUSES } from '../data/dna-api.service';

/** The match review queue: candidates by LR, best first. */
@Component({
  selector: 'hw-dna-match-list-page',
  imports: [
    DecimalPipe,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    EmptyState,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'dna.matches.title' | transloco }}</h1>
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'dna.matches.status' | transloco }}</mat-label>
        <mat-select [formControl]="status">
          <!-- The trigger is written out: the option's own text is not ready when the page first renders. -->
          <mat-select-trigger>{{
            (status.value === 'all'
              ? 'common.all'
              : 'dna.matchStatus.' + status.value
            ) | transloco
          }}</mat-select-trigger>
          <mat-option value="all">{{ 'common.all' | transloco }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{
              'dna.matchStatus.' + s | transloco
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </form>
    <div class="hw-table-wrap">
      @if (list.loading()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'common.loading' | transloco"
        />
      }
      @let result = list.page();
      @if (result && result.items.length) {
        <table
          mat-table
          [dataSource]="result.items"
          [attr.aria-label]="'dna.matches.title' | transloco"
        >
          <ng-container matColumnDef="child">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.child' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              <a [routerLink]="['/dna/matches', m.id]">{{ m.child.barcode }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="reference">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.reference' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              {{ m.reference.barcode }}
              @if (m.secondReference) {
                + {{ m.secondReference.barcode }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="case">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.case' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">{{ m.caseNumber ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="relationship">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.relationship' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              {{ 'dna.relationship.' + m.relationship | transloco }}
            </td>
          </ng-container>
          <ng-container matColumnDef="lr">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.log10Lr' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              {{ m.log10Lr === null ? '−∞' : (m.log10Lr | number: '1.2-2') }}
            </td>
          </ng-container>
          <ng-container matColumnDef="inconsistent">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.inconsistent' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              {{ m.inconsistentLoci }} / {{ m.lociCompared }}
            </td>
          </ng-container>
          <ng-container matColumnDef="conclusion">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.conclusion' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              {{ 'dna.conclusion.' + m.conclusion | transloco }}
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.matches.status' | transloco }}
            </th>
            <td mat-cell *matCellDef="let m">
              <span class="hw-status" [class]="m.status">{{
                'dna.matchStatus.' + m.status | transloco
              }}</span>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let m; columns: columns"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state
          icon="inbox"
          [title]="'dna.matches.empty' | transloco"
          [hint]="'dna.matches.emptyHint' | transloco"
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
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MatchListPage {
  private readonly api = inject(DnaApiService);
  protected readonly statuses = MATCH_STATUSES;
  protected readonly columns = [
    'child',
    'reference',
    'case',
    'relationship',
    'lr',
    'inconsistent',
    'conclusion',
    'status',
  ];
  protected readonly status = new FormControl<string>('all', {
    nonNullable: true,
  });
  protected readonly list = pagedList((paging) => {
    const status = this.status.value;
    return this.api.matches({ status: status === 'all' ? undefined : status, ...paging });
  });

  constructor() {
    this.status.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.firstPage());
    this.list.load();
  }
}
