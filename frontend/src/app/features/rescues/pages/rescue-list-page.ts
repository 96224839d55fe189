import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { debounceTime } from 'rxjs';
import type { Schemas } from '@hw/core/api/api';
import { AbilityService } from '@hw/core/access/ability.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { RescuesApiService } from '../data/rescues-api.service';

/** Rescue operations in the user's scope, newest first, filtered by county and dates. */
@Component({
  selector: 'hw-rescue-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
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
      <h1>{{ 'rescues.list.title' | transloco }}</h1>
      @if (canCreate) {
        <a mat-flat-button routerLink="/rescues/new">{{ 'rescues.form.title' | transloco }}</a>
      }
    </header>
    <form class="hw-filters" role="search" [formGroup]="filters" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'rescues.field.jurisdictionCode' | transloco }}</mat-label>
        <input matInput formControlName="jurisdictionCode" inputmode="numeric" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.filter.from' | transloco }}</mat-label>
        <input matInput type="date" formControlName="from" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'rescues.filter.to' | transloco }}</mat-label>
        <input matInput type="date" formControlName="to" />
      </mat-form-field>
      @if (campaigns().length) {
        <mat-form-field>
          <mat-label>{{ 'rescues.field.campaign' | transloco }}</mat-label>
          <mat-select formControlName="campaignId">
            <mat-option value="">{{ 'common.all' | transloco }}</mat-option>
            @for (c of campaigns(); track c.id) {
              <mat-option [value]="c.id">{{ c.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <button mat-button type="button" (click)="filters.reset()">{{ 'common.clearFilters' | transloco }}</button>
    </form>
    <div class="hw-table-wrap">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @let result = list.page();
      @if (result && result.items.length) {
        <table mat-table [dataSource]="result.items" [attr.aria-label]="'rescues.list.title' | transloco">
          <ng-container matColumnDef="occurredAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.occurredAt' | transloco }}</th>
            <td mat-cell *matCellDef="let r">
              <a [routerLink]="['/rescues', r.id]">{{ r.occurredAt | hwDateTime: language() }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="place">
            <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.place' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ r.place }}</td>
          </ng-container>
          <ng-container matColumnDef="jurisdiction">
            <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.jurisdiction' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ language() === 'en' ? r.jurisdiction.nameEn : r.jurisdiction.name }}</td>
          </ng-container>
          <ng-container matColumnDef="children">
            <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.children' | transloco }}</th>
            <td mat-cell *matCellDef="let r">
              {{ 'rescues.list.childrenCount' | transloco: { count: r.childrenCount, identified: r.identifiedCount } }}
            </td>
          </ng-container>
          <ng-container matColumnDef="suspects">
            <th mat-header-cell *matHeaderCellDef>{{ 'rescues.field.suspectsDetained' | transloco }}</th>
            <td mat-cell *matCellDef="let r">{{ r.suspectsDetained }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let r; columns: columns"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state icon="inbox" [title]="'rescues.list.empty' | transloco" />
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
export class RescueListPage {
  private readonly api = inject(RescuesApiService);
  protected readonly language = inject(LanguageService).current;
  private readonly ability = inject(AbilityService);
  protected readonly canCreate = this.ability.can('create', 'Rescue');
  protected readonly columns = ['occurredAt', 'place', 'jurisdiction', 'children', 'suspects'];
  protected readonly filters = new FormGroup({
    jurisdictionCode: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    campaignId: new FormControl('', { nonNullable: true }),
  });
  protected readonly campaigns = signal<Schemas['CampaignDto'][]>([]);
  protected readonly list = pagedList((paging) => {
    const f = this.filters.getRawValue();
    // A county code is six digits; anything shorter is still being typed.
    const code = /^\d{6}$/.test(f.jurisdictionCode.trim()) ? f.jurisdictionCode.trim() : undefined;
    // "to" is a whole day: rescues before the next midnight.
    const to = f.to ? new Date(new Date(`${f.to}T00:00`).getTime() + 86_400_000).toISOString() : undefined;
    return this.api.rescues({ jurisdictionCode: code, from: f.from ? new Date(`${f.from}T00:00`).toISOString() : undefined, to, campaignId: f.campaignId || undefined, ...paging });
  });

  constructor() {
    this.filters.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => {
      this.list.firstPage();
    });
    if (this.ability.can('read', 'Campaign')) {
      this.api
        .campaigns()
        .pipe(takeUntilDestroyed())
        .subscribe({ next: (page) => this.campaigns.set(page.items), error: () => this.campaigns.set([]) });
    }
    this.list.load();
  }
}
