import {
  ChangeDetectionStrategy,
  Component,
  inject,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { DnaApiService } from '../data/dna-api.service';

/** Samples: barcode, kind, custody state, whether profiled. */
@Component({
  selector: 'hw-dna-sample-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
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
      <h1>{{ 'dna.samples.title' | transloco }}</h1>
      @if (canCreate) {
        <a mat-flat-button routerLink="/dna/samples/new">{{
          'dna.register.title' | transloco
        }}</a>
      }
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'dna.field.kind' | transloco }}</mat-label>
        <mat-select [formControl]="kind">
          <!-- The trigger is written out: the option's own text is not ready when the page first renders. -->
          <mat-select-trigger>{{
            (kind.value === 'all' ? 'common.all' : 'dna.kind.' + kind.value)
              | transloco
          }}</mat-select-trigger>
          <mat-option value="all">{{ 'common.all' | transloco }}</mat-option>
          <mat-option value="family_reference">{{
            'dna.kind.family_reference' | transloco
          }}</mat-option>
          <mat-option value="child">{{
            'dna.kind.child' | transloco
          }}</mat-option>
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
          [attr.aria-label]="'dna.samples.title' | transloco"
        >
          <ng-container matColumnDef="barcode">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.barcode' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              <a [routerLink]="['/dna/samples', s.id]">{{ s.barcode }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.kind' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              {{ 'dna.kind.' + s.kind | transloco }}
              @if (s.donorRelationship) {
                · {{ 'dna.donor.' + s.donorRelationship | transloco }}
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="custody">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.custodyState' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              {{ 'dna.custody.' + s.custodyState | transloco }}
            </td>
          </ng-container>
          <ng-container matColumnDef="profile">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.profile' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">
              {{ (s.hasProfile ? 'common.yes' : 'common.no') | transloco }}
            </td>
          </ng-container>
          <ng-container matColumnDef="retention">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'dna.field.retentionUntil' | transloco }}
            </th>
            <td mat-cell *matCellDef="let s">{{ s.retentionUntil }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let s; columns: columns"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state
          icon="inbox"
          [title]="'dna.samples.empty' | transloco"
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
export class SampleListPage {
  private readonly api = inject(DnaApiService);
  protected readonly canCreate = inject(AbilityService).can(
    'create',
    'DnaSample',
  );
  protected readonly columns = [
    'barcode',
    'kind',
    'custody',
    'profile',
    'retention',
  ];
  protected readonly kind = new FormControl<string>('all', {
    nonNullable: true,
  });
  protected readonly list = pagedList((paging) => {
    const kind = this.kind.value;
    return this.api.samples({ kind: kind === 'all' ? undefined : kind, ...paging });
  });

  constructor() {
    this.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.firstPage());
    this.list.load();
  }
}
