import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { CaseStatusChip } from '../../cases/components/status-chip';
import { Chart } from '../charts/chart';
import { chartLabels } from '../charts/chart-labels';
import { barChart } from '../charts/chart-options';
import { CASE_STATUS_COLORS } from '../charts/palette';
import { DashboardCard } from '../components/dashboard-card';
import { StatTile } from '../components/stat-tile';
import { DashboardApiService } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { loaded } from '../data/loaded';
import { ACTIVE_CASE_STATUSES } from '../data/shaping';

/** An officer's day: the files assigned to them and the sightings waiting for a first look. */
@Component({
  selector: 'hw-officer-dashboard',
  imports: [
    RouterLink,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    CaseStatusChip,
    Chart,
    DashboardCard,
    StatTile,
  ],
  templateUrl: './officer-dashboard.html',
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OfficerDashboard {
  protected readonly links = LINKS;
  private readonly api = inject(DashboardApiService);
  private readonly me = inject(AuthService).me;
  private readonly labels = chartLabels(['home', 'cases']);
  protected readonly language = inject(LanguageService).current;

  protected readonly files = loaded(() =>
    this.api.officerFiles(this.me()?.user.id ?? ''),
  );
  protected readonly triage = loaded(() => this.api.triageQueue());
  protected readonly areaOpen = loaded(() =>
    this.api.count('cases', { status: ACTIVE_CASE_STATUSES.join(',') }),
  );

  protected readonly byStatusChart = computed(() => {
    const files = this.files.value();
    const labels = this.labels();
    if (!files || !labels) return null;
    return barChart(
      files.byStatus.map((c) => labels.t(`cases.status.${c.key}`)),
      [
        {
          name: labels.t('home.officer.myOpenFiles'),
          values: files.byStatus.map((c) => c.count),
        },
      ],
      { categoryColors: files.byStatus.map((c) => CASE_STATUS_COLORS[c.key]) },
    );
  });
}
