import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { forkJoin } from 'rxjs';
import { LanguageService } from '@hw/core/i18n/language.service';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { Chart } from '../charts/chart';
import { chartLabels } from '../charts/chart-labels';
import { barChart, donutChart, trendChart } from '../charts/chart-options';
import { CASE_STATUS_COLORS, SERIES_COLORS } from '../charts/palette';
import { CampaignProgress } from '../components/campaign-progress';
import { DashboardCard } from '../components/dashboard-card';
import { FollowUpList } from '../components/follow-up-list';
import { StatTile } from '../components/stat-tile';
import { DashboardApiService } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { loaded } from '../data/loaded';
import {
  ALL_CASE_STATUSES,
  STATISTICS_PERIODS,
  jurisdictionLevel,
  periodDays,
  periodLabel,
  statisticsQuery,
} from '../data/shaping';
import type { StatisticsPeriod } from '../data/shaping';

/** The figures of a supervisor's jurisdiction (the last twelve months, this year or the last 30 days), and what waits for their decision. */
@Component({
  selector: 'hw-supervisor-dashboard',
  imports: [
    MatButtonToggleModule,
    TranslocoPipe,
    EmptyState,
    Chart,
    CampaignProgress,
    DashboardCard,
    FollowUpList,
    StatTile,
  ],
  templateUrl: './supervisor-dashboard.html',
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisorDashboard {
  protected readonly links = LINKS;
  private readonly api = inject(DashboardApiService);
  private readonly labels = chartLabels(['home', 'cases']);
  protected readonly language = inject(LanguageService).current;

  protected readonly periods = STATISTICS_PERIODS;
  protected readonly periodChoice = signal<StatisticsPeriod>('months12');
  protected readonly statistics = loaded(() =>
    this.api.statistics(statisticsQuery(this.periodChoice(), new Date())),
  );
  protected readonly decisions = loaded(() =>
    forkJoin({
      triage: this.api.count('sightings', { status: 'new' }),
      matches: this.api.count('dna/matches', { status: 'proposed' }),
      signOffs: this.api.count('reunions', { status: 'pending_sign_off' }),
    }),
  );
  protected readonly followUps = loaded(() => this.api.followUpsToMake());
  protected readonly campaigns = loaded(() => this.api.campaigns());

  protected readonly recovered = computed(() => {
    const summary = this.statistics.value()?.summary;
    return summary
      ? summary.childrenRecoveredIdentified +
          summary.childrenRecoveredUnidentified
      : undefined;
  });

  protected choosePeriod(period: StatisticsPeriod): void {
    this.periodChoice.set(period);
    this.statistics.reload();
  }

  protected readonly period = computed(() => {
    const stats = this.statistics.value();
    return stats ? periodDays(stats.from, stats.to, this.language()) : null;
  });

  protected readonly trend = computed(() => {
    const stats = this.statistics.value();
    const labels = this.labels();
    if (!stats || !labels) return null;
    const points = stats.trend;
    return trendChart(
      points.map((p) => periodLabel(p.period, labels.lang)),
      [
        {
          name: labels.t('home.figures.filesOpened'),
          values: points.map((p) => p.filesOpened),
          color: SERIES_COLORS.filesOpened,
        },
        {
          name: labels.t('home.figures.childrenRecovered'),
          values: points.map((p) => p.childrenRecovered),
          color: SERIES_COLORS.childrenRecovered,
        },
        {
          name: labels.t('home.figures.reunited'),
          values: points.map((p) => p.reunited),
          color: SERIES_COLORS.reunited,
        },
      ],
    );
  });

  protected readonly byStatus = computed(() => {
    const stats = this.statistics.value();
    const labels = this.labels();
    if (!stats || !labels) return null;
    return donutChart(
      ALL_CASE_STATUSES.map((s) => ({
        name: labels.t(`cases.status.${s}`),
        value: stats.summary.filesByStatus[s] ?? 0,
        color: CASE_STATUS_COLORS[s],
      })),
      labels.t('home.figures.files'),
    );
  });

  protected readonly byJurisdiction = computed(() => {
    const stats = this.statistics.value();
    const labels = this.labels();
    if (!stats || !labels) return null;
    const rows = jurisdictionLevel(stats.byJurisdiction);
    return {
      rows: rows.length,
      chart: barChart(
        rows.map((r) => (labels.lang === 'zh-CN' ? r.name : r.nameEn)),
        [
          {
            name: labels.t('home.figures.filesOpened'),
            values: rows.map((r) => r.totals.filesOpened),
            color: SERIES_COLORS.filesOpened,
          },
          {
            name: labels.t('home.figures.childrenRecovered'),
            values: rows.map((r) => r.totals.childrenRecovered),
            color: SERIES_COLORS.childrenRecovered,
          },
          {
            name: labels.t('home.figures.reunited'),
            values: rows.map((r) => r.totals.reunited),
            color: SERIES_COLORS.reunited,
          },
        ],
        { horizontal: true },
      ),
    };
  });

  protected readonly hasActivity = computed(() => {
    const stats = this.statistics.value();
    return (
      !!stats &&
      stats.trend.some(
        (p) =>
          p.filesOpened ||
          p.childrenRecovered ||
          p.reunited ||
          p.sightingsReceived,
      )
    );
  });

  protected readonly hasFiles = computed(() => {
    const byStatus = this.statistics.value()?.summary.filesByStatus;
    return !!byStatus && Object.values(byStatus).some((n) => (n ?? 0) > 0);
  });
}
