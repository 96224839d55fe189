import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { RescuedChildrenService } from './rescued-children.service';
import {
  AddRescuedChildDto,
  CreateRescueDto,
  PlacementDto,
  RescueDto,
  RescuedChildDto,
  RescuedChildPageDto,
  RescuedChildQueryDto,
  RescuePageDto,
  RescueQueryDto,
  StartDnaSampleDto,
  UpdateRescuedChildDto,
  UpdateRescueDto,
} from './rescues.dto';
import { RescuesService } from './rescues.service';

@ApiTags('rescues')
@Controller('rescues')
export class RescuesController {
  constructor(
    private readonly rescues: RescuesService,
    private readonly children: RescuedChildrenService,
  ) {}

  @Get()
  @Authorize('read', 'Rescue')
  @ApiOkResponse({ type: RescuePageDto })
  list(@Access() access: AccessContext, @Query() query: RescueQueryDto): Promise<RescuePageDto> {
    return this.rescues.list(access, query);
  }

  @Post()
  @Authorize('create', 'Rescue')
  @ApiCreatedResponse({ type: RescueDto })
  create(@Access() access: AccessContext, @Body() dto: CreateRescueDto): Promise<RescueDto> {
    return this.rescues.create(access, dto);
  }

  @Get(':id')
  @Authorize('read', 'Rescue')
  @ApiOkResponse({ type: RescueDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<RescueDto> {
    return this.rescues.get(access, id);
  }

  @Patch(':id')
  @Authorize('update', 'Rescue')
  @ApiOkResponse({ type: RescueDto })
  @ApiConflictResponse({ description: 'Stale version' })
  update(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRescueDto): Promise<RescueDto> {
    return this.rescues.update(access, id, dto);
  }

  @Post(':id/children')
  @Authorize('create', 'RescuedChild')
  @ApiCreatedResponse({ type: RescuedChildDto })
  @ApiConflictResponse({ description: 'The file already belongs to a rescued child, or it is closed' })
  addChild(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddRescuedChildDto): Promise<RescuedChildDto> {
    return this.children.add(access, id, dto);
  }
}

@ApiTags('rescues')
@Controller('rescued-children')
export class RescuedChildrenController {
  constructor(private readonly children: RescuedChildrenService) {}

  @Get()
  @Authorize('read', 'RescuedChild')
  @ApiOkResponse({ type: RescuedChildPageDto })
  list(@Access() access: AccessContext, @Query() query: RescuedChildQueryDto): Promise<RescuedChildPageDto> {
    return this.children.list(access, query);
  }

  @Get(':id')
  @Authorize('read', 'RescuedChild')
  @ApiOkResponse({ type: RescuedChildDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<RescuedChildDto> {
    return this.children.get(access, id);
  }

  @Patch(':id')
  @Authorize('update', 'RescuedChild')
  @ApiOkResponse({ type: RescuedChildDto })
  @ApiConflictResponse({ description: 'Stale version' })
  update(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRescuedChildDto): Promise<RescuedChildDto> {
    return this.children.update(access, id, dto);
  }

  @Put(':id/placement')
  @Authorize('update', 'RescuedChild')
  @ApiOkResponse({ type: RescuedChildDto })
  @ApiConflictResponse({ description: 'Stale version' })
  place(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PlacementDto): Promise<RescuedChildDto> {
    return this.children.place(access, id, dto);
  }

  @Post(':id/dna-sample')
  @HttpCode(201)
  @Authorize('update', 'RescuedChild')
  @ApiCreatedResponse({ type: RescuedChildDto, description: 'The child, with the new sample among its DNA samples' })
  @ApiConflictResponse({ description: 'The child already has a sample, or the barcode is taken' })
  startDnaSample(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StartDnaSampleDto): Promise<RescuedChildDto> {
    return this.children.startDnaSample(access, id, dto);
  }
}
