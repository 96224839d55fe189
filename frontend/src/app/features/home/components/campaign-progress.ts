import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CampaignDetail } from '../data/dashboard-api.service';
import { LINKS } from '../data/links';
import { campaignElapsed, statisticsToday } from '../data/shaping';
import { DateOnlyPipe } from './date-only.pipe';

/** A campaign's place and days (with how far through them it is) and what it has achieved so far. */
@Component({
  selector: 'hw-campaign-progress',
  imports: [MatProgressBarModule, RouterLink, TranslocoPipe, DateOnlyPipe],
  template: `
    @let c = campaign();
    <div class="hw-campaign-head">
      <a class="hw-name" [routerLink]="[campaigns, c.id]">{{ c.name }}</a>
      <span class="hw-phase" [class]="'hw-phase hw-' + c.phase">{{
        'home.campaigns.phase.' + c.phase | transloco
      }}</span>
    </div>
    <p class="hw-meta">
      {{ lang() === 'zh-CN' ? c.jurisdictionName : c.jurisdictionNameEn }} ·
      {{
        'home.campaigns.days'
          | transloco
            : {
                from: (c.startsOn | hwDateOnly: lang()),
                to: (c.endsOn | hwDateOnly: lang()),
              }
      }}
    </p>
    @if (c.phase === 'active') {
      <mat-progress-bar
        mode="determinate"
        [value]="elapsed()"
        [attr.aria-label]="
          'home.campaigns.elapsed' | transloco: { percent: elapsed() }
        "
      />
      <p class="hw-meta">
        {{ 'home.campaigns.elapsed' | transloco: { percent: elapsed() } }}
      </p>
    }
    <dl class="hw-figures">
      <div>
        <dt>{{ 'home.figures.rescues' | transloco }}</dt>
        <dd>{{ c.figures.rescues }}</dd>
      </div>
      <div>
        <dt>{{ 'home.figures.childrenRecovered' | transloco }}</dt>
        <dd>
          {{
            c.figures.childrenRecoveredIdentified +
              c.figures.childrenRecoveredUnidentified
          }}
        </dd>
      </div>
      <div>
        <dt>{{ 'home.figures.reunited' | transloco }}</dt>
        <dd>{{ c.figures.reunited }}</dd>
      </div>
      <div>
        <dt>{{ 'home.figures.suspectsDetained' | transloco }}</dt>
        <dd>{{ c.figures.suspectsDetained }}</dd>
      </div>
    </dl>
  `,
  styles: `
    :host {
      display: block;
      padding: 12px 0;
    }
    .hw-campaign-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
    }
    .hw-name {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-primary);
    }
    .hw-phase {
      padding: 1px 8px;
      border-radius: 10px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-highest);
    }
    .hw-active {
      background: #dff3ef;
      color: #0f5e50;
    }
    .hw-meta {
      margin: 4px 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .hw-figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(110px, 1fr));
      gap: 8px;
      margin: 8px 0 0;
      dt {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
      dd {
        margin: 0;
        font: var(--mat-sys-title-large);
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CampaignProgress {
  readonly campaign = input.required<CampaignDetail>();
  readonly lang = input.required<string>();
  protected readonly campaigns = LINKS.campaigns;
  protected readonly elapsed = computed(() =>
    campaignElapsed(
      this.campaign().startsOn,
      this.campaign().endsOn,
      statisticsToday(new Date()),
    ),
  );
}
