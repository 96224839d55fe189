import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseAlertsService } from './case-alerts.service';
import { NotificationBus } from './notification-bus';
import { NotificationEntity } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity])],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationBus, CaseAlertsService],
  exports: [NotificationsService, CaseAlertsService],
})
export class NotificationsModule {}
