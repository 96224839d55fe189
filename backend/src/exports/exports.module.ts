import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { JurisdictionsModule } from '../jurisdictions/jurisdictions.module';
import { RescuesModule } from '../rescues/rescues.module';
import { SightingsModule } from '../sightings/sightings.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** Audited CSV/XLSX exports, streamed through the writers in ./writers. */
@Module({
  imports: [CasesModule, SightingsModule, RescuesModule, StatisticsModule, JurisdictionsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
