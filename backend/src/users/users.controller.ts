import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../access/access-context.decorator';
import type { AccessContext } from '../access/actor';
import { Authorize } from '../access/authorize.decorator';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto, UserWithTemporaryPasswordDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('administration')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize('read', 'User')
  @ApiOkResponse({ type: UserPageDto })
  list(@Access() access: AccessContext, @Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(access, query);
  }

  @Get(':id')
  @Authorize('read', 'User')
  @ApiOkResponse({ type: UserDto })
  get(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(access, id);
  }

  @Post()
  @Authorize('create', 'User')
  @ApiCreatedResponse({ type: UserWithTemporaryPasswordDto })
  create(@Access() access: AccessContext, @Body() dto: CreateUserDto): Promise<UserWithTemporaryPasswordDto> {
    return this.users.create(access, dto);
  }

  @Patch(':id')
  @Authorize('update', 'User')
  @ApiOkResponse({ type: UserDto })
  update(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(access, id, dto);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @Authorize('unlock', 'User')
  @ApiOkResponse({ type: UserDto })
  unlock(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.unlock(access, id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @Authorize('reset_password', 'User')
  @ApiOkResponse({ type: UserWithTemporaryPasswordDto })
  resetPassword(@Access() access: AccessContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserWithTemporaryPasswordDto> {
    return this.users.resetPassword(access, id);
  }
}
