import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { CaseExportQueryDto, ReunionExportQueryDto, RescueExportQueryDto, SightingExportQueryDto, StatisticsExportQueryDto } from './exports.dto';
import { ExportsService } from './exports.service';

const FILE = { description: 'The file (a download), streamed; only the columns your role may see, every cell neutralised against formula injection' };
const PRODUCES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** CSV/XLSX downloads. Supervisors only; each export is audited with its filters and row count. */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('cases')
  @Authorize('export', 'Export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(FILE)
  cases(@Access() access: AccessContext, @Query() query: CaseExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exports.exportCases(access, query, response);
  }

  @Get('sightings')
  @Authorize('export', 'Export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(FILE)
  sightings(@Access() access: AccessContext, @Query() query: SightingExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exports.exportSightings(access, query, response);
  }

  @Get('rescues')
  @Authorize('export', 'Export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(FILE)
  rescues(@Access() access: AccessContext, @Query() query: RescueExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exports.exportRescues(access, query, response);
  }

  @Get('reunions')
  @Authorize('export', 'Export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(FILE)
  reunions(@Access() access: AccessContext, @Query() query: ReunionExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exports.exportReunions(access, query, response);
  }

  @Get('statistics')
  @Authorize('export', 'Export')
  @ApiProduces(...PRODUCES)
  @ApiOkResponse(FILE)
  statistics(@Access() access: AccessContext, @Query() query: StatisticsExportQueryDto, @Res() response: Response): Promise<void> {
    return this.exports.exportStatistics(access, query, response);
  }
}
