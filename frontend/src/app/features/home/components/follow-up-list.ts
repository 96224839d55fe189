import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FollowUp } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { DateOnlyPipe } from './date-only.pipe';

/** Follow-up visits, each with its child, the visit (n months after the reunion) and its due day. */
@Component({
  selector: 'hw-follow-up-list',
  imports: [RouterLink, TranslocoPipe, DateOnlyPipe],
  template: `
    <ul class="hw-list">
      @for (visit of items(); track visit.id) {
        <li>
          <a [routerLink]="[reunions, visit.reunionId]">
            <span class="hw-primary">{{ visit.childName }}</span>
            <span class="hw-secondary">
              {{
                'home.followUps.visit'
                  | transloco: { months: visit.monthsAfter }
              }}
              · {{ visit.caseNumber }}
            </span>
            <span class="hw-due" [class.hw-overdue]="visit.state === 'overdue'">
              {{
                'home.followUps.' +
                  (visit.state === 'overdue' ? 'wasDue' : 'dueOn')
                  | transloco: { date: (visit.dueOn | hwDateOnly: lang()) }
              }}
            </span>
          </a>
        </li>
      }
    </ul>
  `,
  styleUrl: '../sections/section.scss',
  styles: `
    .hw-due {
      font: var(--mat-sys-label-large);
    }
    .hw-overdue {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpList {
  readonly items = input.required<readonly FollowUp[]>();
  readonly lang = input.required<string>();
  protected readonly reunions = LINKS.reunions;
}
