import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { CAMPAIGN_RECORD_TYPES, type CampaignRecordType } from './campaign.entity';
import {
  AddCampaignRecordDto,
  CampaignDetailDto,
  CampaignDto,
  CampaignPageDto,
  CampaignQueryDto,
  CampaignRecordPageDto,
  CampaignRecordsQueryDto,
  CreateCampaignDto,
  UpdateCampaignDto,
} from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const RECORD_TYPE = new ParseEnumPipe(Object.fromEntries(CAMPAIGN_RECORD_TYPES.map((t) => [t, t])));

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Authorize('read', 'Campaign')
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Access() access: AccessContext, @Query() query: CampaignQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(access, query);
  }

  @Post()
  @Authorize('create', 'Campaign')
  @ApiCreatedResponse({ type: CampaignDto, description: 'Created; records inside its place and days are tagged at once' })
  create(@Access() access: AccessContext, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(access, dto);
  }

  @Get(':id')
  @Authorize('read', 'Campaign')
  @ApiOkResponse({ type: CampaignDetailDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<CampaignDetailDto> {
    return this.campaigns.get(access, id);
  }

  @Patch(':id')
  @Authorize('update', 'Campaign')
  @ApiOkResponse({ type: CampaignDto, description: 'Updated; a new place or new days re-tag its records' })
  @ApiConflictResponse({ description: 'Stale version' })
  update(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.update(access, id, dto);
  }

  @Get(':id/records')
  @Authorize('read', 'Campaign')
  @ApiOkResponse({ type: CampaignRecordPageDto, description: 'Files, sightings and rescues tagged to it (or, with excluded=true, taken out)' })
  records(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Query() query: CampaignRecordsQueryDto): Promise<CampaignRecordPageDto> {
    return this.campaigns.records(access, id, query);
  }

  @Post(':id/records')
  @HttpCode(204)
  @Authorize('update', 'Campaign')
  @ApiNoContentResponse({ description: 'Tagged by hand (or put back)' })
  addRecord(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddCampaignRecordDto): Promise<void> {
    return this.campaigns.addRecord(access, id, dto);
  }

  @Delete(':id/records/:recordType/:recordId')
  @HttpCode(204)
  @Authorize('update', 'Campaign')
  @ApiNoContentResponse({ description: 'Taken out; automatic tagging will not add it again' })
  removeRecord(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recordType', RECORD_TYPE) recordType: CampaignRecordType,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ): Promise<void> {
    return this.campaigns.removeRecord(access, id, recordType, recordId);
  }
}
