import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';

/** pg-boss background jobs on the application's own PostgreSQL, available to every feature. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
