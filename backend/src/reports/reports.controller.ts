import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { CreateReportDto, ReportJobDto, ReportJobListDto } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @Authorize('create', 'Report')
  @ApiAcceptedResponse({ type: ReportJobDto, description: 'The job, queued; follow it with GET /reports/{id}' })
  request(@Access() access: AccessContext, @Body() dto: CreateReportDto): Promise<ReportJobDto> {
    return this.reports.request(access, dto);
  }

  @Get()
  @Authorize('read', 'Report')
  @ApiOkResponse({ type: ReportJobListDto, description: 'Your most recent report jobs, newest first' })
  list(@Access() access: AccessContext): Promise<ReportJobListDto> {
    return this.reports.list(access);
  }

  @Get(':id')
  @Authorize('read', 'Report')
  @ApiOkResponse({ type: ReportJobDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReportJobDto> {
    return this.reports.get(access, id);
  }

  @Get(':id/file')
  @Authorize('read', 'Report')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF (a download)' })
  @ApiConflictResponse({ description: 'The report is not ready (or failed)' })
  async file(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    const { data, fileName } = await this.reports.file(access, id);
    response
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(data.length),
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      })
      .end(data);
  }
}
