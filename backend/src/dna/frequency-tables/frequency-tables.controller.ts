import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access-context.decorator';
import type { AccessContext } from '../../access/actor';
import { Authorize } from '../../access/authorize.decorator';
import {
  FrequencyTableDetailDto,
  FrequencyTableDto,
  ImportFrequencyTableDto,
} from './frequency-tables.dto';
import { FrequencyTablesService } from './frequency-tables.service';

@ApiTags('dna')
@Controller('dna/frequency-tables')
export class FrequencyTablesController {
  constructor(private readonly tables: FrequencyTablesService) {}

  @Get()
  @Authorize('read', 'FrequencyTable')
  @ApiOkResponse({ type: [FrequencyTableDto] })
  list(): Promise<FrequencyTableDto[]> {
    return this.tables.list();
  }

  @Get(':id')
  @Authorize('read', 'FrequencyTable')
  @ApiOkResponse({ type: FrequencyTableDetailDto })
  get(
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FrequencyTableDetailDto> {
    return this.tables.get(id);
  }

  @Post()
  @Authorize('create', 'FrequencyTable')
  @ApiCreatedResponse({ type: FrequencyTableDetailDto })
  import(
    @Access() access: AccessContext,
    @Body() dto: ImportFrequencyTableDto,
  ): Promise<FrequencyTableDetailDto> {
    return this.tables.import(access, dto);
  }

  @Post(':id/search-default')
  @HttpCode(200)
  @Authorize('update', 'FrequencyTable')
  @ApiOkResponse({ type: FrequencyTableDto })
  makeSearchDefault(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FrequencyTableDto> {
    return this.tables.makeSearchDefault(access, id);
  }
}
