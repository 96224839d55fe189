import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { RateLimitService } from './rate-limit.service';
import { SecretBox } from './secret-box';

@Global()
@Module({
  providers: [Clock, RateLimitService, SecretBox],
  exports: [Clock, RateLimitService, SecretBox],
})
export class CommonModule {}
