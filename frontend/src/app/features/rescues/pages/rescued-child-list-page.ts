import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { ChildrenTable } from '../components/children-table';
import { RescuesApiService } from '../data/rescues-api.service';

/** Children in care: for police those of their scope, for an NGO those placed with it. */
@Component({
  selector: 'hw-rescued-child-list-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatPaginatorModule, MatProgressBarModule, MatSelectModule, TranslocoPipe, EmptyState, ChildrenTable],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'rescues.children.title' | transloco }}</h1>
    </header>
    <form class="hw-filters" role="search" [formGroup]="filters" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'rescues.field.status' | transloco }}</mat-label>
        <mat-select formControlName="status">
          <mat-select-trigger>{{ (filters.controls.status.value ? 'rescues.status.' + filters.controls.status.value : 'common.all') | transloco }}</mat-select-trigger>
          <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ 'rescues.status.' + s | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.children.identified' | transloco }}</mat-label>
        <mat-select formControlName="identified">
          <mat-select-trigger>{{ (filters.controls.identified.value ? 'rescues.children.identified_' + filters.controls.identified.value : 'common.all') | transloco }}</mat-select-trigger>
          <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
          <mat-option value="true">{{ 'rescues.children.identified_true' | transloco }}</mat-option>
          <mat-option value="false">{{ 'rescues.children.identified_false' | transloco }}</mat-option>
        </mat-select>
      </mat-form-field>
    </form>
    <div class="hw-table-wrap">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @let result = list.page();
      @if (result && result.items.length) {
        <hw-children-table [children]="result.items" [caption]="'rescues.children.title' | transloco" [columns]="columns" />
      } @else if (result && !list.loading()) {
        <hw-empty-state icon="people" [title]="'rescues.children.empty' | transloco" />
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
export class RescuedChildListPage {
  private readonly api = inject(RescuesApiService);
  protected readonly statuses = ['in_care', 'reunited', 'transferred'] as const;
  protected readonly columns = ['child', 'sexAge', 'condition', 'placement', 'rescue'];
  protected readonly filters = new FormGroup({
    status: new FormControl('', { nonNullable: true }),
    identified: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = pagedList((paging) => {
    const f = this.filters.getRawValue();
    return this.api.children({ status: f.status || undefined, identified: f.identified || undefined, ...paging });
  });

  constructor() {
    this.filters.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.list.firstPage();
    });
    this.list.load();
  }
}
