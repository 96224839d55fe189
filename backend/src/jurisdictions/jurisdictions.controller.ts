import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { CreateJurisdictionDto, JurisdictionDto, UpdateJurisdictionDto } from './jurisdictions.dto';
import { JurisdictionsService } from './jurisdictions.service';

@ApiTags('administration')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get()
  @Authorize('read', 'Jurisdiction')
  @ApiOkResponse({ type: [JurisdictionDto], description: 'The whole tree, ordered by path' })
  list(): Promise<JurisdictionDto[]> {
    return this.jurisdictions.list();
  }

  @Get(':code')
  @Authorize('read', 'Jurisdiction')
  @ApiOkResponse({ type: JurisdictionDto })
  get(@Param('code') code: string): Promise<JurisdictionDto> {
    return this.jurisdictions.get(code);
  }

  @Post()
  @Authorize('create', 'Jurisdiction')
  @ApiCreatedResponse({ type: JurisdictionDto })
  create(@Access() access: AccessContext, @Body() dto: CreateJurisdictionDto): Promise<JurisdictionDto> {
    return this.jurisdictions.create(access, dto);
  }

  @Patch(':code')
  @Authorize('update', 'Jurisdiction')
  @ApiOkResponse({ type: JurisdictionDto })
  update(@Access() access: AccessContext, @Param('code') code: string, @Body() dto: UpdateJurisdictionDto): Promise<JurisdictionDto> {
    return this.jurisdictions.update(access, code, dto);
  }
}
