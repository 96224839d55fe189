import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import {
  CreateReunionDto,
  EvidenceListDto,
  EvidenceQueryDto,
  FollowUpDto,
  FollowUpPageDto,
  FollowUpQueryDto,
  RecordFollowUpDto,
  ReunionDto,
  ReunionPageDto,
  ReunionQueryDto,
  SignOffReunionDto,
} from './reunions.dto';
import { ReunionsService } from './reunions.service';

@ApiTags('reunions')
@Controller('reunions')
export class ReunionsController {
  constructor(private readonly reunions: ReunionsService) {}

  @Get()
  @Authorize('read', 'Reunion')
  @ApiOkResponse({ type: ReunionPageDto })
  list(@Access() access: AccessContext, @Query() query: ReunionQueryDto): Promise<ReunionPageDto> {
    return this.reunions.list(access, query);
  }

  @Post()
  @Authorize('create', 'Reunion')
  @ApiCreatedResponse({ type: ReunionDto, description: 'Verified at once with a confirmed DNA match; otherwise awaiting sign-off' })
  @ApiUnprocessableEntityResponse({ description: 'No evidence, an unconfirmed match or a match of another file (the verification gate), a date in the future' })
  @ApiConflictResponse({ description: 'The file already has a reunion, or is closed' })
  create(@Access() access: AccessContext, @Body() dto: CreateReunionDto): Promise<ReunionDto> {
    return this.reunions.create(access, dto);
  }

  @Get('evidence')
  @Authorize('create', 'Reunion')
  @ApiOkResponse({ type: EvidenceListDto, description: 'Confirmed DNA matches usable as evidence: id, file number, date confirmed — no DNA data' })
  evidence(@Access() access: AccessContext, @Query() query: EvidenceQueryDto): Promise<EvidenceListDto> {
    return this.reunions.evidence(access, query);
  }

  @Get('follow-ups')
  @Authorize('read', 'Reunion')
  @ApiOkResponse({ type: FollowUpPageDto })
  followUps(@Access() access: AccessContext, @Query() query: FollowUpQueryDto): Promise<FollowUpPageDto> {
    return this.reunions.followUps(access, query);
  }

  @Get(':id')
  @Authorize('read', 'Reunion')
  @ApiOkResponse({ type: ReunionDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReunionDto> {
    return this.reunions.get(access, id);
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @Authorize('verify', 'Reunion')
  @ApiOkResponse({ type: ReunionDto })
  @ApiForbiddenResponse({ description: 'The person who logged the reunion cannot sign it off' })
  @ApiConflictResponse({ description: 'Not awaiting sign-off' })
  signOff(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SignOffReunionDto): Promise<ReunionDto> {
    return this.reunions.signOff(access, id, dto);
  }

  @Put(':id/follow-ups/:followUpId')
  @Authorize('update', 'Reunion')
  @ApiOkResponse({ type: FollowUpDto })
  recordFollowUp(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() dto: RecordFollowUpDto,
  ): Promise<FollowUpDto> {
    return this.reunions.recordFollowUp(access, id, followUpId, dto);
  }
}
