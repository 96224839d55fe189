import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { debounceTime } from 'rxjs';
import { CampaignsApiService } from '../data/campaigns-api.service';
import type { Campaign } from '../data/campaigns-api.service';

/** Crackdown campaigns in the user's jurisdiction, latest first. */
@Component({
  selector: 'hw-campaign-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    TranslocoPipe,
    EmptyState,
  ],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'campaigns.list.title' | transloco }}</h1>
      @if (canCreate) {
        <a mat-flat-button routerLink="/campaigns/new"><mat-icon svgIcon="add" />{{ 'campaigns.list.new' | transloco }}</a>
      }
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'campaigns.list.search' | transloco }}</mat-label>
        <input matInput [formControl]="q" />
      </mat-form-field>
    </form>
    <div class="hw-table-wrap">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @let result = list.page();
      @if (result && result.items.length) {
        <table mat-table [dataSource]="result.items" [attr.aria-label]="'campaigns.list.title' | transloco">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.name' | transloco }}</th>
            <td mat-cell *matCellDef="let c"><a [routerLink]="['/campaigns', c.id]">{{ c.name }}</a></td>
          </ng-container>
          <ng-container matColumnDef="jurisdiction">
            <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.jurisdiction' | transloco }}</th>
            <td mat-cell *matCellDef="let c">{{ lang() === 'en' ? c.jurisdictionNameEn : c.jurisdictionName }}</td>
          </ng-container>
          <ng-container matColumnDef="period">
            <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.period' | transloco }}</th>
            <td mat-cell *matCellDef="let c">{{ c.startsOn }} – {{ c.endsOn }}</td>
          </ng-container>
          <ng-container matColumnDef="phase">
            <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.phase' | transloco }}</th>
            <td mat-cell *matCellDef="let c">
              <span class="hw-status" [class]="c.phase">{{ 'campaigns.phase.' + c.phase | transloco }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="tagged">
            <th mat-header-cell *matHeaderCellDef>{{ 'campaigns.field.taggedRecords' | transloco }}</th>
            <td mat-cell *matCellDef="let c">{{ c.taggedRecords }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let c; columns: columns" class="hw-clickable" (click)="open(c)"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state icon="flag" [title]="'campaigns.list.empty' | transloco" [hint]="'campaigns.list.emptyHint' | transloco" />
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
  styles: `
    .hw-status {
      &.active {
        background: #d7f5dd;
        color: #0b5a1e;
      }
      &.upcoming {
        background: #d6e3ff;
        color: #0a3a7a;
      }
      &.ended {
        background: var(--mat-sys-surface-container-highest);
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignListPage {
  private readonly api = inject(CampaignsApiService);
  private readonly router = inject(Router);
  protected readonly canCreate = inject(AbilityService).can('create', 'Campaign');
  protected readonly lang = inject(LanguageService).current;
  protected readonly columns = ['name', 'jurisdiction', 'period', 'phase', 'tagged'];
  protected readonly q = new FormControl('', { nonNullable: true });
  protected readonly list = pagedList((paging) => this.api.list({ q: this.q.value.trim() || undefined, ...paging }));

  constructor() {
    this.q.valueChanges.pipe(debounceTime(300), takeUntilDestroyed()).subscribe(() => {
      this.list.firstPage();
    });
    this.list.load();
  }

  protected open(campaign: Campaign): void {
    void this.router.navigate(['/campaigns', campaign.id]);
  }
}
