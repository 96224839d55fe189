import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access-context.decorator';
import type { AccessContext } from '../../access/actor';
import { Authorize } from '../../access/authorize.decorator';
import {
  ConfirmMatchDto,
  MatchDetailDto,
  MatchDto,
  MatchPageDto,
  MatchQueryDto,
  ProposeMatchDto,
  RejectMatchDto,
} from './matches.dto';
import { MatchesService } from './matches.service';

@ApiTags('dna')
@Controller('dna/matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @Authorize('read', 'KinshipMatch')
  @ApiOkResponse({ type: MatchPageDto })
  list(
    @Access() access: AccessContext,
    @Query() query: MatchQueryDto,
  ): Promise<MatchPageDto> {
    return this.matches.list(access, query);
  }

  @Get(':id')
  @Authorize('read', 'KinshipMatch')
  @ApiOkResponse({ type: MatchDetailDto })
  get(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MatchDetailDto> {
    return this.matches.get(access, id);
  }

  @Post(':id/propose')
  @HttpCode(200)
  @Authorize('propose', 'KinshipMatch')
  @ApiOkResponse({ type: MatchDto })
  propose(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ProposeMatchDto,
  ): Promise<MatchDto> {
    return this.matches.propose(access, id, dto);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Authorize('confirm', 'KinshipMatch')
  @ApiOkResponse({ type: MatchDto })
  confirm(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConfirmMatchDto,
  ): Promise<MatchDto> {
    return this.matches.confirm(access, id, dto);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('confirm', 'KinshipMatch')
  @ApiOkResponse({ type: MatchDto })
  reject(
    @Access() access: AccessContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectMatchDto,
  ): Promise<MatchDto> {
    return this.matches.reject(access, id, dto);
  }
}
