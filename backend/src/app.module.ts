import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AccessModule } from './access/access.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CasesModule } from './cases/cases.module';
import { CommonModule } from './common/common.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DnaModule } from './dna/dna.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { JurisdictionsModule } from './jurisdictions/jurisdictions.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReportsModule } from './reports/reports.module';
import { RescuesModule } from './rescues/rescues.module';
import { ReunionsModule } from './reunions/reunions.module';
import { SightingsModule } from './sightings/sightings.module';
import { StatisticsModule } from './statistics/statistics.module';
import { UsersModule } from './users/users.module';

/** Feature modules, one per record family. */
const FEATURES = [AuthModule, UsersModule, OrganisationsModule, JurisdictionsModule, AuditModule, HealthModule, CasesModule, AttachmentsModule, DnaModule, JobsModule, NotificationsModule, SightingsModule, StatisticsModule, ReunionsModule, ReportsModule, ExportsModule, RescuesModule, CampaignsModule];

/** The built dashboard on the API's port; unknown paths get index.html so that deep links work. */
function dashboard(frontendDir: string): DynamicModule[] {
  if (!existsSync(join(frontendDir, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: frontendDir,
      exclude: ['/api/{*path}', '/health/{*path}'],
    }),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, frontendDir: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.databaseReplicaUrls), autoLoadEntities: true }),
        CommonModule,
        AccessModule,
        ...FEATURES,
        ...dashboard(frontendDir),
      ],
    };
  }
}
