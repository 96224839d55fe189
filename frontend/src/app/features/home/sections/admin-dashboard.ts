import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { StatTile } from '../components/stat-tile';
import { DashboardApiService } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { loaded } from '../data/loaded';

const WEEK_MS = 7 * 86_400_000;

/** An administrator sees no case content: accounts, organisations and refused access, each a link. */
@Component({
  selector: 'hw-admin-dashboard',
  imports: [TranslocoPipe, StatTile],
  template: `
    <div class="hw-tiles">
      <hw-stat-tile
        [label]="'home.admin.users' | transloco"
        [value]="summary.value()?.users"
        [state]="summary"
        [link]="links.users"
      />
      <hw-stat-tile
        [label]="'home.admin.locked' | transloco"
        [value]="summary.value()?.lockedUsers"
        [state]="summary"
        [link]="links.users"
        tone="warn"
        [hint]="'home.admin.lockedHint' | transloco"
      />
      <hw-stat-tile
        [label]="'home.admin.organisations' | transloco"
        [value]="summary.value()?.organisations"
        [state]="summary"
        [link]="links.organisations"
      />
      <hw-stat-tile
        [label]="'home.admin.denied' | transloco"
        [value]="summary.value()?.deniedLastWeek"
        [state]="summary"
        [link]="links.audit"
        tone="warn"
        [hint]="'home.admin.deniedHint' | transloco"
      />
    </div>
  `,
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminDashboard {
  protected readonly links = LINKS;
  private readonly api = inject(DashboardApiService);
  protected readonly summary = loaded(() =>
    this.api.adminSummary(new Date(Date.now() - WEEK_MS)),
  );
}
