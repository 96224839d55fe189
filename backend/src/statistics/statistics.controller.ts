import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { StatisticsDto, StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Authorize('read', 'Statistics')
  @ApiOkResponse({ type: StatisticsDto, description: 'Summary, trend and figures by jurisdiction, within your scope' })
  get(@Access() access: AccessContext, @Query() query: StatisticsQueryDto): Promise<StatisticsDto> {
    return this.statistics.overview(access, query);
  }
}
