import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { ReportDataService } from './report-data.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** PDF reports (campaign, monthly statistics) made by background jobs; the PDFs live in the attachments' storage. */
@Module({
  imports: [AttachmentsModule, StatisticsModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportDataService],
})
export class ReportsModule {}
