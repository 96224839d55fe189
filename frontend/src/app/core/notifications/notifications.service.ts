import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { API } from '@hw/core/api/api';
import type { Schemas } from '@hw/core/api/api';
import { AuthService } from '@hw/core/auth/auth.service';
import { connectSse } from './sse-client';
import type { SseEvent } from './sse-client';

export type AppNotification = Schemas['NotificationDto'];

/** The signed-in user's notifications: the unread count, live over server-sent events. */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private connection: { close: () => void } | null = null;

  readonly unread = signal(0);
  readonly live = signal(false);
  /** The newest notification that arrived live (for a short announcement). */
  readonly latest = signal<AppNotification | null>(null);

  start(): void {
    if (this.connection) return;
    this.connection = connectSse({
      url: `${API}/notifications/stream`,
      token: () => this.auth.accessToken(),
      refresh: async () =>
        !!(await new Promise<string | null>((resolve) =>
          this.auth
            .refresh()
            .subscribe({ next: resolve, error: () => resolve(null) }),
        )),
      onEvent: (event) => this.receive(event),
      onOpenChange: (open) => this.live.set(open),
    });
  }

  stop(): void {
    this.connection?.close();
    this.connection = null;
    this.live.set(false);
    this.unread.set(0);
    this.latest.set(null);
  }

  receive(event: SseEvent): void {
    try {
      if (event.event === 'unread') {
        this.unread.set(
          Number((JSON.parse(event.data) as { unread: number }).unread) || 0,
        );
      } else if (event.event === 'notification') {
        const notification = JSON.parse(event.data) as AppNotification;
        if (!notification.readAt) this.unread.update((n) => n + 1);
        this.latest.set(notification);
      }
    } catch {
      // A malformed event is ignored; the next `unread` corrects the count.
    }
  }

  recent() {
    return this.http.get<Schemas['NotificationPageDto']>(
      `${API}/notifications`,
      { params: { page: '1', pageSize: '10' } },
    );
  }

  markRead(id: string) {
    return this.http.post<AppNotification>(
      `${API}/notifications/${encodeURIComponent(id)}/read`,
      {},
    );
  }

  markAllRead() {
    return this.http.post<Schemas['ReadAllResultDto']>(
      `${API}/notifications/read-all`,
      {},
    );
  }
}
