import { Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { concatMap, defer, filter, from, interval, map, merge, type Observable, takeUntil, timer } from 'rxjs';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { Problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationBus } from './notification-bus';
import { NotificationDto, NotificationPageDto, NotificationQueryDto, ReadAllResultDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

const HEARTBEAT_MS = 25_000;

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly bus: NotificationBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Authorize('read', 'Notification')
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Access() access: AccessContext, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(access, query);
  }

  /**
   * Server-sent events for the signed-in user: `unread` ({unread}) first, then `notification`
   * (a NotificationDto) as each arrives on any replica, and `ping` every 25 s. Authenticate with the
   * Authorization header (fetch-based SSE); tokens never go in the URL. The stream ends when the
   * access token would expire, and the client reconnects with a fresh one.
   */
  @Sse('stream')
  @Authorize('read', 'Notification')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of `unread`, `notification` and `ping` events' })
  stream(@Access() access: AccessContext, @Headers('accept') accept: string | undefined): Observable<MessageEvent> {
    if (!accept?.includes('text/event-stream')) {
      throw new Problem(HttpStatus.NOT_ACCEPTABLE, 'This is a server-sent event stream: send Accept: text/event-stream.', { code: 'NOT_ACCEPTABLE' });
    }
    const me = access.actor.id;
    const first = defer(() => from(this.notifications.unreadCount(me))).pipe(map((unread) => ({ type: 'unread', data: { unread } })));
    const live = this.bus.forRecipient(me).pipe(
      concatMap((id) => from(this.notifications.findOwn(me, id))),
      filter((n): n is NotificationDto => n !== null),
      map((n) => ({ type: 'notification', id: n.id, data: n })),
    );
    const heartbeat = interval(HEARTBEAT_MS).pipe(map(() => ({ type: 'ping', data: {} })));
    return merge(first, live, heartbeat).pipe(takeUntil(timer(this.config.accessTokenTtlSeconds * 1000)));
  }

  @Post('read-all')
  @HttpCode(200)
  @Authorize('update', 'Notification')
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@Access() access: AccessContext): Promise<ReadAllResultDto> {
    return this.notifications.markAllRead(access);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Authorize('update', 'Notification')
  @ApiOkResponse({ type: NotificationDto })
  read(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(access, id);
  }
}
