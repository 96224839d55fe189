import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../access/access-context.decorator';
import type { AccessContext } from '../../access/actor';
import { Authorize } from '../../access/authorize.decorator';
import { PageQueryDto } from '../../common/pagination';
import {
  CreateProfileDto,
  CreateProfileImportDto,
  ProfileDetailDto,
  ProfileImportDto,
  ProfileImportPageDto,
  ProfilePageDto,
  ProfileQueryDto,
} from './profiles.dto';
import { ProfilesService } from './profiles.service';

@ApiTags('dna')
@Controller('dna/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Post('imports')
  @Authorize('create', 'DnaProfile')
  @ApiCreatedResponse({
    type: ProfileImportDto,
    description: 'The validation report; nothing is stored until the commit',
  })
  createImport(
    @Access() access: AccessContext,
    @Body() dto: CreateProfileImportDto,
  ): Promise<ProfileImportDto> {
    return this.profiles.createImport(access, dto);
  }

  @Get('imports')
  @Authorize('create', 'DnaProfile')
  @ApiOkResponse({ type: ProfileImportPageDto })
  listImports(
    @Access() access: AccessContext,
    @Query() query: PageQueryDto,
  ): Promise<ProfileImportPageDto> {
    return this.profiles.listImports(access, query);
  }

  @Get('imports/:id')
  @Authorize('create', 'DnaProfile')
  @ApiOkResponse({
    type: ProfileImportDto,
    description: 'Status and progress ({status, processed, total})',
  })
  getImport(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProfileImportDto> {
    return this.profiles.getImport(access, id);
  }

  @Post('imports/:id/commit')
  @Authorize('create', 'DnaProfile')
  @ApiOkResponse({
    type: ProfileImportDto,
    description:
      '200 when committed (or failed); 202 while a large import is committed in the background',
  })
  async commitImport(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProfileImportDto> {
    const result = await this.profiles.commitImport(access, id);
    res.status(result.status === 'committing' ? 202 : 200);
    return result;
  }

  @Post()
  @Authorize('create', 'DnaProfile')
  @ApiCreatedResponse({ type: ProfileDetailDto })
  create(
    @Access() access: AccessContext,
    @Body() dto: CreateProfileDto,
  ): Promise<ProfileDetailDto> {
    return this.profiles.createOne(access, dto);
  }

  @Get()
  @Authorize('read', 'DnaProfile')
  @ApiOkResponse({ type: ProfilePageDto })
  list(
    @Access() access: AccessContext,
    @Query() query: ProfileQueryDto,
  ): Promise<ProfilePageDto> {
    return this.profiles.list(access, query);
  }

  @Get(':id')
  @Authorize('read', 'DnaProfile')
  @ApiOkResponse({
    type: ProfileDetailDto,
    description: 'Raw alleles; every view is audited',
  })
  get(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProfileDetailDto> {
    return this.profiles.get(access, id);
  }
}
