import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Loaded } from '../data/loaded';

/**
 * One figure with what it counts, linking to the list behind it. `warn` draws attention to work
 * that is late (overdue follow-ups) only when there is some.
 */
@Component({
  selector: 'hw-stat-tile',
  imports: [RouterLink, TranslocoPipe],
  template: `
    <a
      class="hw-tile"
      [class.hw-warn]="tone() === 'warn' && (value() ?? 0) > 0"
      [routerLink]="link()"
      [attr.aria-label]="
        'home.tile'
          | transloco
            : {
                label: label(),
                value: state().loading()
                  ? ('home.loading' | transloco)
                  : state().failed()
                    ? '—'
                    : value(),
              }
      "
    >
      <span class="hw-value" aria-hidden="true">
        @if (state().failed()) {
          <span [title]="'home.loadFailed' | transloco">—</span>
        } @else {
          {{ state().loading() ? '…' : value() }}
        }
      </span>
      <span class="hw-label" aria-hidden="true">{{ label() }}</span>
      @if (hint()) {
        <span class="hw-hint">{{ hint() }}</span>
      }
    </a>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .hw-tile {
      display: flex;
      flex-direction: column;
      gap: 2px;
      height: 100%;
      box-sizing: border-box;
      padding: 12px 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      &:hover,
      &:focus-visible {
        background: var(--mat-sys-surface-container-high);
      }
    }
    .hw-value {
      font: var(--mat-sys-headline-medium);
      color: var(--mat-sys-primary);
    }
    .hw-label {
      font: var(--mat-sys-title-small);
    }
    .hw-hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .hw-warn {
      border-color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      .hw-value {
        color: var(--mat-sys-error);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatTile {
  readonly label = input.required<string>();
  readonly value = input<number | null | undefined>();
  /** The block the figure comes from (its loading and failure). */
  readonly state = input.required<Loaded<unknown>>();
  readonly link = input.required<string>();
  readonly hint = input<string>();
  readonly tone = input<'plain' | 'warn'>('plain');
}
