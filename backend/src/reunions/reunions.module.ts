import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module';
import { RescueEntity } from '../rescues/rescue.entity';
import { RescuedChildEntity } from '../rescues/rescued-child.entity';
import { ReunionEntity, ReunionFollowUpEntity } from './reunion.entity';
import { ReunionsController } from './reunions.controller';
import { ReunionsService } from './reunions.service';

/** The rescued-children entities are the rescues module's; read and updated here when a reunion is verified. */
@Module({
  imports: [TypeOrmModule.forFeature([ReunionEntity, ReunionFollowUpEntity, RescuedChildEntity, RescueEntity]), CasesModule],
  controllers: [ReunionsController],
  providers: [ReunionsService],
  exports: [ReunionsService],
})
export class ReunionsModule {}
