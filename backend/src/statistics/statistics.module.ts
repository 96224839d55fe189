import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsRollup } from './statistics-rollup.service';
import { StatisticsService } from './statistics.service';

@Module({
  controllers: [StatisticsController],
  providers: [StatisticsService, StatisticsRollup],
  exports: [StatisticsService],
})
export class StatisticsModule {}
