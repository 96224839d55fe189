import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { filter, map, type Observable, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { primaryUrl } from '../jobs/job-queue.service';

export const NOTIFICATION_CHANNEL = 'homeward_notifications';

export interface NotificationSignal {
  id: string;
  recipientId: string;
}

/**
 * Fan-out of new notifications to every API replica: the inserting transaction calls
 * `pg_notify(channel, {id, recipientId})` (delivered at commit), and each replica LISTENs on a
 * dedicated connection and hands the signal to the recipient's open streams.
 */
@Injectable()
export class NotificationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationBus');
  private readonly signals = new Subject<NotificationSignal>();
  private client: Client | null = null;
  private stopping = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    this.signals.complete();
  }

  /** Signals for one user's notifications, as they are committed on any replica. */
  forRecipient(recipientId: string): Observable<string> {
    return this.signals.pipe(
      filter((s) => s.recipientId === recipientId),
      map((s) => s.id),
    );
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: primaryUrl(this.dataSource), application_name: 'homeward-listen' });
    client.on('notification', (message) => {
      if (message.channel !== NOTIFICATION_CHANNEL || !message.payload) return;
      try {
        const signal = JSON.parse(message.payload) as NotificationSignal;
        if (typeof signal.id === 'string' && typeof signal.recipientId === 'string') this.signals.next(signal);
      } catch {
        this.logger.warn('Ignored a malformed notification signal');
      }
    });
    const retry = (reason: string) => {
      if (this.stopping || this.client !== client) return;
      this.logger.warn(`LISTEN connection lost (${reason}); reconnecting in 1 s`);
      this.client = null;
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.connect().catch((e) => retry(String(e))), 1000);
    };
    client.on('error', (error) => retry(error.message));
    client.on('end', () => retry('ended'));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
  }
}
