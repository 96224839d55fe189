import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access-context.decorator';
import type { AccessContext } from '../../access/actor';
import { Authorize } from '../../access/authorize.decorator';
import {
  AddCustodyEventDto,
  CreateSampleDto,
  DonorIdentityOutDto,
  SampleDetailDto,
  SamplePageDto,
  SampleQueryDto,
} from './samples.dto';
import { SamplesService } from './samples.service';

@ApiTags('dna')
@Controller('dna/samples')
export class SamplesController {
  constructor(private readonly samples: SamplesService) {}

  @Get()
  @Authorize('read', 'DnaSample')
  @ApiOkResponse({ type: SamplePageDto })
  list(
    @Access() access: AccessContext,
    @Query() query: SampleQueryDto,
  ): Promise<SamplePageDto> {
    return this.samples.list(access, query);
  }

  @Get(':id')
  @Authorize('read', 'DnaSample')
  @ApiOkResponse({ type: SampleDetailDto })
  get(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SampleDetailDto> {
    return this.samples.get(access, id);
  }

  /** Sensitive: lab technicians only (the `read DnaProfile` permission), every view audited. */
  @Get(':id/donor-identity')
  @Authorize('read', 'DnaProfile')
  @ApiOkResponse({ type: DonorIdentityOutDto })
  donorIdentity(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DonorIdentityOutDto> {
    return this.samples.donorIdentity(access, id);
  }

  @Post()
  @Authorize('create', 'DnaSample')
  @ApiCreatedResponse({ type: SampleDetailDto })
  create(
    @Access() access: AccessContext,
    @Body() dto: CreateSampleDto,
  ): Promise<SampleDetailDto> {
    return this.samples.create(access, dto);
  }

  @Post(':id/custody-events')
  @Authorize('update', 'DnaSample')
  @ApiCreatedResponse({ type: SampleDetailDto })
  addCustodyEvent(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AddCustodyEventDto,
  ): Promise<SampleDetailDto> {
    return this.samples.addCustodyEvent(access, id, dto);
  }
}
