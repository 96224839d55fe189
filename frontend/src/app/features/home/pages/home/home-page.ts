import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AbilityService } from '@hw/core/access/ability.service';
import { AuthService } from '@hw/core/auth/auth.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { dashboardSection } from '../../data/dashboard-sections';
import { AdminDashboard } from '../../sections/admin-dashboard';
import { LabDashboard } from '../../sections/lab-dashboard';
import { NgoDashboard } from '../../sections/ngo-dashboard';
import { OfficerDashboard } from '../../sections/officer-dashboard';
import { SupervisorDashboard } from '../../sections/supervisor-dashboard';

/** The greeting and the dashboard of the user's role. */
@Component({
  selector: 'hw-home-page',
  imports: [
    TranslocoPipe,
    AdminDashboard,
    LabDashboard,
    NgoDashboard,
    OfficerDashboard,
    SupervisorDashboard,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly ability = inject(AbilityService);
  protected readonly me = inject(AuthService).me;
  protected readonly language = inject(LanguageService).current;
  protected readonly section = computed(() => {
    const me = this.me();
    return me
      ? dashboardSection(me.user.role, (check) => this.ability.allows(check))
      : null;
  });
}
