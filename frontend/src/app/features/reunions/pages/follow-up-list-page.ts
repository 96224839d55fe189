import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pagedList } from '@hw/shared/data/paged-list';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { FOLLOW_UP_LIST_STATES, ReunionsApiService } from '../data/reunions-api.service';
import type { FollowUpItem, FollowUpState } from '../data/reunions-api.service';

/** Follow-up visits to make: overdue first (an NGO sees its organisation's, a supervisor the subtree's). */
@Component({
  selector: 'hw-follow-up-list-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatPaginatorModule, MatProgressBarModule, MatSelectModule, MatTableModule, TranslocoPipe, EmptyState],
  template: `
    <header class="hw-page-header">
      <h1>{{ 'reunions.followUps.title' | transloco }}</h1>
    </header>
    <form class="hw-filters" role="search" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>{{ 'reunions.field.status' | transloco }}</mat-label>
        <mat-select [formControl]="state">
          <mat-select-trigger>{{ 'reunions.followUpState.' + state.value | transloco }}</mat-select-trigger>
          @for (s of states; track s) {
            <mat-option [value]="s">{{ 'reunions.followUpState.' + s | transloco }}</mat-option>
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
        <table mat-table [dataSource]="result.items" [attr.aria-label]="'reunions.followUps.title' | transloco">
          <ng-container matColumnDef="dueOn">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.followUp.dueOn' | transloco }}</th>
            <td mat-cell *matCellDef="let f"><a [routerLink]="['/reunions', f.reunionId]">{{ f.dueOn }}</a></td>
          </ng-container>
          <ng-container matColumnDef="state">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.status' | transloco }}</th>
            <td mat-cell *matCellDef="let f"><span class="hw-status" [class]="f.state">{{ 'reunions.followUpState.' + f.state | transloco }}</span></td>
          </ng-container>
          <ng-container matColumnDef="child">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.child' | transloco }}</th>
            <td mat-cell *matCellDef="let f">{{ f.childName }} <span class="hw-muted">{{ f.caseNumber }}</span></td>
          </ng-container>
          <ng-container matColumnDef="place">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.field.place' | transloco }}</th>
            <td mat-cell *matCellDef="let f">{{ f.place }}</td>
          </ng-container>
          <ng-container matColumnDef="when">
            <th mat-header-cell *matHeaderCellDef>{{ 'reunions.followUp.when' | transloco }}</th>
            <td mat-cell *matCellDef="let f">
              {{ 'reunions.followUp.monthsAfter' | transloco: { months: f.monthsAfter } }}
              @if (f.visitedOn) {
                · {{ f.visitedOn }} · {{ 'reunions.wellbeing.' + f.wellbeing | transloco }}
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let f; columns: columns" class="hw-clickable" [class.hw-overdue-row]="f.state === 'overdue'" (click)="open(f)"></tr>
        </table>
      } @else if (result && !list.loading()) {
        <hw-empty-state icon="inbox" [title]="'reunions.followUps.empty.' + state.value | transloco" [hint]="'reunions.followUps.emptyHint' | transloco" />
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
export class FollowUpListPage {
  private readonly api = inject(ReunionsApiService);
  private readonly router = inject(Router);

  protected readonly states = FOLLOW_UP_LIST_STATES;
  protected readonly columns = ['dueOn', 'state', 'child', 'place', 'when'];
  protected readonly state = new FormControl<FollowUpState>('overdue', { nonNullable: true });
  protected readonly list = pagedList((paging) => this.api.followUps({ status: this.state.value, ...paging }));

  constructor() {
    this.state.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.list.firstPage();
    });
    this.list.load();
  }

  protected open(f: FollowUpItem): void {
    void this.router.navigate(['/reunions', f.reunionId]);
  }
}
