import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A secret the server shows only once (a temporary password, recovery codes): shown with a copy
 * button, and the user must confirm they saved it before moving on.
 */
@Component({
  selector: 'hw-one-time-secret',
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, TranslocoPipe],
  template: `
    <div class="hw-secret-warning" role="alert">
      <mat-icon svgIcon="info" aria-hidden="true" />
      <span>{{ warning() }}</span>
    </div>
    <pre class="hw-secret" [attr.aria-label]="label()">{{ lines().join('\n') }}</pre>
    <button mat-stroked-button type="button" (click)="copy()">
      <mat-icon svgIcon="content_copy" />
      {{ (copied() ? 'common.copied' : 'common.copy') | transloco }}
    </button>
    <mat-checkbox class="hw-secret-confirm" [checked]="saved()" (change)="saved.set($event.checked)">
      {{ confirmLabel() }}
    </mat-checkbox>
    <div class="hw-secret-actions">
      <button mat-flat-button type="button" [disabled]="!saved()" (click)="done.emit()">{{ doneLabel() }}</button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .hw-secret-warning {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      margin-bottom: 12px;
    }
    .hw-secret {
      font: 500 1.25rem/1.6 ui-monospace, 'DejaVu Sans Mono', monospace;
      letter-spacing: 0.05em;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      user-select: all;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .hw-secret-confirm {
      display: block;
      margin: 12px 0;
    }
    .hw-secret-actions {
      display: flex;
      justify-content: flex-end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimeSecret {
  private readonly clipboard = inject(Clipboard);
  readonly lines = input.required<string[]>();
  readonly label = input.required<string>();
  readonly warning = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly doneLabel = input.required<string>();
  readonly done = output<void>();
  protected readonly saved = signal(false);
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.lines().join('\n')));
  }
}
