import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Loaded } from '../data/loaded';

let nextId = 0;

/** A dashboard card: a heading, a link to the full list, and its content once loaded (or what went wrong). */
@Component({
  selector: 'hw-dashboard-card',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressSpinnerModule,
    RouterLink,
    TranslocoPipe,
  ],
  template: `
    <mat-card
      appearance="outlined"
      role="region"
      [attr.aria-labelledby]="headingId"
    >
      <div class="hw-card-head">
        <h3 [id]="headingId">{{ heading() }}</h3>
        @if (link(); as link) {
          <a
            mat-button
            [routerLink]="link"
            [attr.aria-label]="('home.openList' | transloco) + ': ' + heading()"
          >
            {{ 'home.openList' | transloco }}
            <mat-icon svgIcon="chevron_right" iconPositionEnd />
          </a>
        }
      </div>
      @if (state().failed()) {
        <div class="hw-card-problem" role="alert">
          <mat-icon svgIcon="error" aria-hidden="true" />
          <span>{{ 'home.loadFailed' | transloco }}</span>
          <button mat-stroked-button type="button" (click)="state().reload()">
            {{ 'home.retry' | transloco }}
          </button>
        </div>
      } @else if (state().loading()) {
        <div class="hw-card-loading" role="status">
          <mat-progress-spinner
            mode="indeterminate"
            diameter="32"
            [attr.aria-label]="'home.loading' | transloco"
          />
        </div>
      } @else {
        <ng-content />
      }
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    mat-card {
      height: 100%;
      padding: 12px 16px 16px;
      box-sizing: border-box;
    }
    .hw-card-head {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 40px;
      h3 {
        flex: 1;
        margin: 0;
        font: var(--mat-sys-title-medium);
      }
      a {
        margin-right: -8px;
      }
    }
    .hw-card-loading {
      display: flex;
      justify-content: center;
      padding: 40px 0;
    }
    .hw-card-problem {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      padding: 24px 0 8px;
      color: var(--mat-sys-error);
      span {
        flex: 1;
        min-width: 160px;
        color: var(--mat-sys-on-surface);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardCard {
  readonly heading = input.required<string>();
  readonly state = input.required<Loaded<unknown>>();
  /** The full list this card summarises. */
  readonly link = input<string | null>(null);
  protected readonly headingId = `hw-dashboard-card-${nextId++}`;
}
