import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('administration')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Authorize('read', 'Organisation')
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: OrganisationQueryDto): Promise<OrganisationPageDto> {
    return this.organisations.list(query);
  }

  @Get(':id')
  @Authorize('read', 'Organisation')
  @ApiOkResponse({ type: OrganisationDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDto> {
    return this.organisations.get(id);
  }

  @Post()
  @Authorize('create', 'Organisation')
  @ApiCreatedResponse({ type: OrganisationDto })
  create(@Access() access: AccessContext, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(access, dto);
  }

  @Patch(':id')
  @Authorize('update', 'Organisation')
  @ApiOkResponse({ type: OrganisationDto })
  update(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationDto> {
    return this.organisations.update(access, id, dto);
  }
}
