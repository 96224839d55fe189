import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { DnaModule } from '../dna/dna.module';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RescueEntity } from './rescue.entity';
import { RescuedChildEntity } from './rescued-child.entity';
import { RescuedChildrenAttachmentOwner } from './rescued-children.attachment-owner';
import { RescuedChildrenService } from './rescued-children.service';
import { RescuedChildrenController, RescuesController } from './rescues.controller';
import { RescuesService } from './rescues.service';

/** Rescue operations and the children recovered in them (issue 5 §1). */
@Module({
  imports: [TypeOrmModule.forFeature([RescueEntity, RescuedChildEntity]), JurisdictionsModule, CasesModule, DnaModule, AttachmentsModule, NotificationsModule],
  controllers: [RescuesController, RescuedChildrenController],
  providers: [RescuesService, RescuedChildrenService, RescuedChildrenAttachmentOwner],
  exports: [RescuedChildrenService, RescuesService],
})
export class RescuesModule {}
