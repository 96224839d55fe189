import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { CaseEntity, CaseEventEntity, CaseNumberCounterEntity } from './case.entity';
import { CasesAttachmentOwner } from './cases.attachment-owner';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity, CaseEventEntity, CaseNumberCounterEntity]), JurisdictionsModule, AttachmentsModule],
  controllers: [CasesController],
  providers: [CasesService, CasesAttachmentOwner],
  exports: [CasesService],
})
export class CasesModule {}
