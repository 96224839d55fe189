import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, map } from 'rxjs';
import { AuthService } from '@hw/core/auth/auth.service';
import { LanguageSwitch } from './language-switch';
import { NavigationService } from './navigation.service';
import { NotificationsBell } from './notifications-bell';

/** Below this width the sidenav becomes a drawer that opens from the menu button. */
export const PHONE_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'hw-shell',
  imports: [
    MatSidenavModule,
    MatToolbarModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslocoPipe,
    LanguageSwitch,
    NotificationsBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly sidenav = viewChild.required(MatSidenav);

  protected readonly me = this.auth.me;
  protected readonly isPhone = toSignal(inject(BreakpointObserver).observe(PHONE_QUERY).pipe(map((s) => s.matches)), {
    initialValue: false,
  });
  protected readonly entries = inject(NavigationService).entries;

  constructor() {
    // On a phone the drawer closes once the user has picked a page.
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd))
      .subscribe(() => {
        if (this.isPhone()) void this.sidenav().close();
      });
  }

  protected toggle(): void {
    void this.sidenav().toggle();
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
