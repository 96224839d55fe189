import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { CalculatorController } from './calculator/calculator.controller';
import { FrequencyTableEntity } from './frequency-tables/frequency-table.entity';
import { FrequencyTablesController } from './frequency-tables/frequency-tables.controller';
import { FrequencyTablesService } from './frequency-tables/frequency-tables.service';
import { KinshipMatchEntity } from './matches/kinship-match.entity';
import { MatchConfirmationEffects } from './matches/match-effects';
import { MatchesController } from './matches/matches.controller';
import { MatchesService } from './matches/matches.service';
import {
  DnaProfileEntity,
  ProfileImportEntity,
} from './profiles/profile.entity';
import { ProfilesController } from './profiles/profiles.controller';
import { ProfilesService } from './profiles/profiles.service';
import { CustodyEventEntity, DnaSampleEntity } from './samples/sample.entity';
import { SamplesController } from './samples/samples.controller';
import { SamplesService } from './samples/samples.service';
import { DnaSearchService } from './search/dna-search.service';

/** DNA: samples with consent and custody, STR profiles, frequency tables, the calculator, the search and match review (issue 4). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      FrequencyTableEntity,
      DnaSampleEntity,
      CustodyEventEntity,
      DnaProfileEntity,
      ProfileImportEntity,
      KinshipMatchEntity,
    ]),
    JurisdictionsModule,
  ],
  controllers: [
    SamplesController,
    ProfilesController,
    FrequencyTablesController,
    CalculatorController,
    MatchesController,
  ],
  providers: [
    SamplesService,
    ProfilesService,
    FrequencyTablesService,
    DnaSearchService,
    MatchesService,
    MatchConfirmationEffects,
  ],
  exports: [DnaSearchService, SamplesService],
})
export class DnaModule {}
