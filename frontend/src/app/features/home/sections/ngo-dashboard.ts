import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@hw/core/i18n/language.service';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { Chart } from '../charts/chart';
import { chartLabels } from '../charts/chart-labels';
import { barChart, donutChart } from '../charts/chart-options';
import { RESCUED_CHILD_STATUS_COLORS, SERIES_COLORS } from '../charts/palette';
import { DashboardCard } from '../components/dashboard-card';
import { FollowUpList } from '../components/follow-up-list';
import { StatTile } from '../components/stat-tile';
import { DashboardApiService } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { loaded } from '../data/loaded';
import { total } from '../data/shaping';

/** An NGO caseworker's caseload: the children placed with them and the follow-up visits to make. */
@Component({
  selector: 'hw-ngo-dashboard',
  imports: [
    TranslocoPipe,
    EmptyState,
    Chart,
    DashboardCard,
    StatTile,
    FollowUpList,
  ],
  templateUrl: './ngo-dashboard.html',
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NgoDashboard {
  protected readonly links = LINKS;
  private readonly api = inject(DashboardApiService);
  private readonly labels = chartLabels(['home']);
  protected readonly language = inject(LanguageService).current;

  protected readonly children = loaded(() => this.api.childrenInCare());
  protected readonly followUps = loaded(() => this.api.followUpsToMake());

  protected readonly inCare = computed(
    () =>
      this.children.value()?.byStatus.find((c) => c.key === 'in_care')?.count,
  );
  protected readonly placedWithUs = computed(() =>
    total(this.children.value()?.byStatus ?? []),
  );

  protected readonly byStatusChart = computed(() => {
    const children = this.children.value();
    const labels = this.labels();
    if (!children || !labels) return null;
    return donutChart(
      children.byStatus.map((c) => ({
        name: labels.t(`home.rescuedStatus.${c.key}`),
        value: c.count,
        color: RESCUED_CHILD_STATUS_COLORS[c.key],
      })),
      labels.t('home.ngo.children'),
    );
  });

  protected readonly byAgeChart = computed(() => {
    const children = this.children.value();
    const labels = this.labels();
    if (!children || !labels) return null;
    return barChart(
      children.byAge.map((c) => labels.t(`home.ages.${c.key}`)),
      [
        {
          name: labels.t('home.ngo.inCare'),
          values: children.byAge.map((c) => c.count),
          color: SERIES_COLORS.childrenRecovered,
        },
      ],
    );
  });
}
