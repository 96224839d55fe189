import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '@hw/core/i18n/language.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';
import { EmptyState } from '@hw/shared/ui/empty-state';
import { Chart } from '../charts/chart';
import { chartLabels } from '../charts/chart-labels';
import { barChart } from '../charts/chart-options';
import { SERIES_COLORS } from '../charts/palette';
import { DashboardCard } from '../components/dashboard-card';
import { StatTile } from '../components/stat-tile';
import { DashboardApiService } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { loaded } from '../data/loaded';
import { isWaiting, total } from '../data/shaping';

/** A laboratory's bench: samples not yet profiled, and candidate matches waiting for a technician. */
@Component({
  selector: 'hw-lab-dashboard',
  imports: [
    RouterLink,
    TranslocoPipe,
    DateTimePipe,
    EmptyState,
    Chart,
    DashboardCard,
    StatTile,
  ],
  templateUrl: './lab-dashboard.html',
  styleUrl: './section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LabDashboard {
  protected readonly links = LINKS;
  private readonly api = inject(DashboardApiService);
  private readonly labels = chartLabels(['home', 'dna']);
  protected readonly language = inject(LanguageService).current;

  protected readonly samples = loaded(() => this.api.samplesByCustody());
  protected readonly candidates = loaded(() => this.api.matches('candidate'));
  protected readonly proposed = loaded(() => this.api.matches('proposed'));

  protected readonly hasSamples = computed(
    () => total(this.samples.value() ?? []) > 0,
  );
  protected readonly waiting = computed(() => {
    const samples = this.samples.value();
    return samples ? total(samples.filter((c) => isWaiting(c.key))) : undefined;
  });

  protected readonly byCustodyChart = computed(() => {
    const samples = this.samples.value();
    const labels = this.labels();
    if (!samples || !labels) return null;
    return barChart(
      samples.map((c) => labels.t(`dna.custody.${c.key}`)),
      [
        {
          name: labels.t('home.lab.samples'),
          values: samples.map((c) => c.count),
        },
      ],
      {
        categoryColors: samples.map((c) =>
          isWaiting(c.key) ? SERIES_COLORS.waiting : SERIES_COLORS.done,
        ),
      },
    );
  });
}
