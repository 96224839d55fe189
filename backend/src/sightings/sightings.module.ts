import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CasesModule } from '../cases/cases.module';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { MatchingService } from './matching/matching.service';
import { SightingCandidateEntity, SightingCaseLinkEntity } from './matching/sighting-candidate.entity';
import { PublicMapController } from './public-map.controller';
import { PublicSightingsController } from './public-sightings.controller';
import { SightingPhotos } from './sighting-photos';
import { IdempotencyKeyEntity, SightingEntity } from './sighting.entity';
import { SightingsController } from './sightings.controller';
import { SightingsService } from './sightings.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([SightingEntity, IdempotencyKeyEntity, SightingCandidateEntity, SightingCaseLinkEntity]),
    JurisdictionsModule,
    CasesModule,
    AttachmentsModule,
    NotificationsModule,
  ],
  controllers: [PublicSightingsController, PublicMapController, SightingsController],
  providers: [SightingsService, MatchingService, SightingPhotos],
  exports: [SightingsService, MatchingService],
})
export class SightingsModule {}
