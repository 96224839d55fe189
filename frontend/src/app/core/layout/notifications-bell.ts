import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { TranslocoPipe, provideTranslocoScope } from '@jsverse/transloco';
import { AuthService } from '@hw/core/auth/auth.service';
import { ProblemService } from '@hw/core/auth/problem.service';
import { LanguageService } from '@hw/core/i18n/language.service';
import { NotificationsService } from '@hw/core/notifications/notifications.service';
import type { AppNotification } from '@hw/core/notifications/notifications.service';
import { DateTimePipe } from '@hw/shared/ui/date-time.pipe';

/** Toolbar bell: the unread count (live), and a menu of the recent notifications. */
@Component({
  selector: 'hw-notifications-bell',
  imports: [
    MatBadgeModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    TranslocoPipe,
    DateTimePipe,
  ],
  providers: [provideTranslocoScope('notifications')],
  template: `
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu"
      (menuOpened)="load()"
      [attr.aria-label]="
        'notifications.bell' | transloco: { count: service.unread() }
      "
      data-testid="notifications-bell"
    >
      <mat-icon
        svgIcon="notifications"
        [matBadge]="service.unread() > 99 ? '99+' : service.unread()"
        [matBadgeHidden]="service.unread() === 0"
        matBadgeColor="warn"
        matBadgeSize="medium"
        aria-hidden="false"
      />
    </button>
    <span
      class="hw-live"
      aria-live="polite"
      data-testid="notifications-unread"
      >{{ service.unread() }}</span
    >
    <mat-menu #menu="matMenu" xPosition="before" class="hw-notifications-menu">
      <div class="hw-menu-head" mat-menu-item disabled>
        <span>{{ 'notifications.title' | transloco }}</span>
      </div>
      @for (n of items(); track n.id) {
        <button
          mat-menu-item
          type="button"
          (click)="open(n)"
          [class.hw-unread]="!n.readAt"
        >
          <span class="hw-n-title">{{ n.titleKey | transloco: n.params }}</span>
          <span class="hw-n-body">{{ n.bodyKey | transloco: n.params }}</span>
          <span class="hw-n-time">{{
            n.createdAt | hwDateTime: language()
          }}</span>
        </button>
      } @empty {
        <div mat-menu-item disabled>
          {{
            (loading() ? 'notifications.loading' : 'notifications.empty')
              | transloco
          }}
        </div>
      }
      @if (service.unread() > 0) {
        <button mat-menu-item type="button" (click)="readAll()">
          {{ 'notifications.markAllRead' | transloco }}
        </button>
      }
    </mat-menu>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
    }
    .hw-live {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .hw-n-title {
      display: block;
      font-weight: 500;
      line-height: 1.3;
    }
    .hw-n-body {
      display: block;
      font-size: 13px;
      line-height: 1.3;
      white-space: normal;
    }
    .hw-n-time {
      display: block;
      font-size: 12px;
      opacity: 0.7;
    }
    .hw-unread {
      border-left: 3px solid var(--mat-sys-primary);
    }
    button[mat-menu-item] {
      height: auto;
      min-height: 48px;
      padding-top: 6px;
      padding-bottom: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsBell {
  protected readonly service = inject(NotificationsService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly problems = inject(ProblemService);
  protected readonly language = inject(LanguageService).current;
  protected readonly items = signal<AppNotification[]>([]);
  protected readonly loading = signal(false);

  constructor() {
    // Live while signed in; the stream stops on sign-out.
    effect(() => {
      const signedIn = this.auth.signedIn();
      untracked(() => (signedIn ? this.service.start() : this.service.stop()));
    });
    inject(DestroyRef).onDestroy(() => this.service.stop());
  }

  protected load(): void {
    this.loading.set(true);
    this.service.recent().subscribe({
      next: (page) => {
        this.loading.set(false);
        this.items.set(page.items);
        this.service.unread.set(page.unread);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.problems.show(error);
      },
    });
  }

  protected open(n: AppNotification): void {
    if (!n.readAt) {
      this.service
        .markRead(n.id)
        .subscribe({
          next: () => this.service.unread.update((c) => Math.max(0, c - 1)),
          error: () => undefined,
        });
    }
    if (n.link) void this.router.navigateByUrl(n.link);
  }

  protected readAll(): void {
    this.service.markAllRead().subscribe({
      next: () => {
        this.service.unread.set(0);
        this.items.update((list) =>
          list.map((n) => ({
            ...n,
            readAt: n.readAt ?? new Date().toISOString(),
          })),
        );
      },
      error: (error: unknown) => this.problems.show(error),
    });
  }
}
