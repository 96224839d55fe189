import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { NavigationService } from '@hw/core/layout/navigation.service';

/** Who is signed in and where they can go. Role dashboards will be added here by their teams. */
@Component({
  selector: 'hw-home-page',
  imports: [MatCardModule, MatIconModule, MatButtonModule, RouterLink, TranslocoPipe],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  protected readonly me = inject(AuthService).me;
  protected readonly language = inject(LanguageService).current;
  private readonly navigation = inject(NavigationService).entries;
  protected readonly shortcuts = computed(() => this.navigation().filter((entry) => entry.path !== '/'));
}
