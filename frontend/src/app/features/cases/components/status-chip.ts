import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** A file's status as a coloured chip (colour and word, never colour alone). */
@Component({
  selector: 'hw-case-status',
  imports: [TranslocoPipe],
  template: `<span
    class="hw-case-chip"
    [class]="'hw-case-chip s-' + status()"
    >{{ 'cases.status.' + status() | transloco }}</span
  >`,
  styles: `
    .hw-case-chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .s-open {
      background: #fdecea;
      color: #a1261b;
      border-color: #f5c2bd;
    }
    .s-sighted {
      background: #fff4e0;
      color: #8a5300;
      border-color: #f7d8a4;
    }
    .s-located {
      background: #e6f0fb;
      color: #1d4f91;
      border-color: #b9d2f0;
    }
    .s-rescued {
      background: #e7f6ea;
      color: #1e6b34;
      border-color: #b8e0c1;
    }
    .s-reunited {
      background: #dff3ef;
      color: #0f5e50;
      border-color: #a9dccf;
    }
    .s-closed {
      background: #eeeeee;
      color: #444;
      border-color: #d5d5d5;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseStatusChip {
  readonly status = input.required<string>();
}

/** Priority with a mark for the urgent ones. */
@Component({
  selector: 'hw-case-priority',
  imports: [TranslocoPipe],
  template: `<span
    class="hw-priority"
    [class]="'hw-priority p-' + priority()"
    >{{ 'cases.priority.' + priority() | transloco }}</span
  >`,
  styles: `
    .hw-priority {
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    .p-urgent {
      color: #b3261e;
      font-weight: 700;
    }
    .p-urgent::before {
      content: '● ';
    }
    .p-high {
      color: #a15c00;
      font-weight: 600;
    }
    .p-low {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePriorityLabel {
  readonly priority = input.required<string>();
}
