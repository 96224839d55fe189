import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import {
  AssignCaseDto,
  CaseDto,
  CasePageDto,
  CaseQueryDto,
  CaseTimelineDto,
  ChangeCaseStatusDto,
  CreateCaseDto,
  ShareCaseDto,
  UpdateCaseDto,
} from './cases.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @Authorize('read', 'Case')
  @ApiOkResponse({ type: CasePageDto })
  list(@Access() access: AccessContext, @Query() query: CaseQueryDto): Promise<CasePageDto> {
    return this.cases.list(access, query);
  }

  @Post()
  @Authorize('create', 'Case')
  @ApiCreatedResponse({ type: CaseDto })
  create(@Access() access: AccessContext, @Body() dto: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(access, dto);
  }

  @Get(':id')
  @Authorize('read', 'Case')
  @ApiOkResponse({ type: CaseDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDto> {
    return this.cases.get(access, id);
  }

  @Get(':id/timeline')
  @Authorize('read', 'Case')
  @ApiOkResponse({ type: CaseTimelineDto })
  timeline(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<CaseTimelineDto> {
    return this.cases.timeline(access, id);
  }

  @Patch(':id')
  @Authorize('update', 'Case')
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({ description: 'Stale version' })
  update(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCaseDto): Promise<CaseDto> {
    return this.cases.update(access, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOkResponse({ type: CaseDto })
  @ApiConflictResponse({ description: 'Transition not allowed (with allowedTransitions), or stale version' })
  changeStatus(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeCaseStatusDto): Promise<CaseDto> {
    return this.cases.changeStatus(access, id, dto);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Authorize('assign', 'Case')
  @ApiOkResponse({ type: CaseDto })
  assign(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignCaseDto): Promise<CaseDto> {
    return this.cases.assign(access, id, dto);
  }

  @Post(':id/sharing')
  @HttpCode(200)
  @Authorize('share', 'Case')
  @ApiOkResponse({ type: CaseDto })
  share(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ShareCaseDto): Promise<CaseDto> {
    return this.cases.share(access, id, dto);
  }
}
