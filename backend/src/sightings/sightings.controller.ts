import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { requireIdempotencyKey } from './idempotency';
import { PHOTO_UPLOAD_LIMITS } from './public-sightings.controller';
import type { UploadedFile } from './sighting-photos';
import {
  CreateSightingDto,
  DismissSightingDto,
  DuplicateSightingDto,
  LinkSightingDto,
  ReporterContactDto,
  SightingDetailDto,
  SightingDto,
  SightingPageDto,
  SightingQueryDto,
  TriageSightingDto,
} from './sightings.dto';
import { MAX_PHOTOS, SightingsService } from './sightings.service';

@ApiTags('sightings')
@Controller('sightings')
export class SightingsController {
  constructor(private readonly sightings: SightingsService) {}

  @Get()
  @Authorize('read', 'Sighting')
  @ApiOkResponse({ type: SightingPageDto })
  list(@Access() access: AccessContext, @Query() query: SightingQueryDto): Promise<SightingPageDto> {
    return this.sightings.list(access, query);
  }

  @Post()
  @Authorize('create', 'Sighting')
  @UseInterceptors(FilesInterceptor('photos', MAX_PHOTOS, { limits: PHOTO_UPLOAD_LIMITS }))
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional for officers: the same key for retries' })
  @ApiCreatedResponse({ type: SightingDto })
  create(
    @Access() access: AccessContext,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: CreateSightingDto,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<SightingDto> {
    return this.sightings.submitByOfficer(access, requireIdempotencyKey(idempotencyKey, false), dto, files ?? []);
  }

  @Get(':id')
  @Authorize('read', 'Sighting')
  @ApiOkResponse({ type: SightingDetailDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<SightingDetailDto> {
    return this.sightings.get(access, id);
  }

  @Get(':id/reporter-contact')
  @Authorize('triage', 'Sighting')
  @ApiOkResponse({ type: ReporterContactDto, description: 'The informant’s contact; every view is logged' })
  reporterContact(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReporterContactDto> {
    return this.sightings.reporterContact(access, id);
  }

  @Post(':id/triage')
  @HttpCode(200)
  @Authorize('triage', 'Sighting')
  @ApiOkResponse({ type: SightingDto, description: 'new → triaged (under review)' })
  triage(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TriageSightingDto): Promise<SightingDto> {
    return this.sightings.triage(access, id, dto);
  }

  @Post(':id/link')
  @HttpCode(200)
  @Authorize('triage', 'Sighting')
  @ApiOkResponse({ type: SightingDto, description: 'Sighting → linked; the file → sighted' })
  link(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkSightingDto): Promise<SightingDto> {
    return this.sightings.link(access, id, dto);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @Authorize('triage', 'Sighting')
  @ApiOkResponse({ type: SightingDto })
  dismiss(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DismissSightingDto): Promise<SightingDto> {
    return this.sightings.dismiss(access, id, dto);
  }

  @Post(':id/duplicate')
  @HttpCode(200)
  @Authorize('triage', 'Sighting')
  @ApiOkResponse({ type: SightingDto })
  duplicate(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DuplicateSightingDto): Promise<SightingDto> {
    return this.sightings.markDuplicate(access, id, dto);
  }
}
