import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** What a list shows when it has nothing to show. */
@Component({
  selector: 'hw-empty-state',
  imports: [MatIconModule],
  template: `
    <mat-icon [svgIcon]="icon()" aria-hidden="true" />
    <p class="hw-empty-title">{{ title() }}</p>
    @if (hint()) {
      <p class="hw-empty-hint">{{ hint() }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 40px 16px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
    mat-icon {
      width: 48px;
      height: 48px;
    }
    .hw-empty-title {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface);
      margin: 12px 0 4px;
    }
    .hw-empty-hint {
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly title = input.required<string>();
  readonly hint = input<string>();
  readonly icon = input('inbox');
}
