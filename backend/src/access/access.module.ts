import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGuard } from './access.guard';

@Global()
@Module({
  providers: [AbilityFactory, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory],
})
export class AccessModule {}
