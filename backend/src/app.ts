import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { QuietStartLogger } from './common/quiet-logger';
import { createValidationPipe } from './common/validation';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { requestIdMiddleware } from './common/request-id.middleware';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT = '1mb';
const LOG_LEVELS = {
  error: ['error'],
  warn: ['error', 'warn'],
  log: ['error', 'warn', 'log'],
  debug: ['error', 'warn', 'log', 'debug'],
  verbose: ['error', 'warn', 'log', 'debug', 'verbose'],
} as const satisfies Record<AppConfig['logLevel'], readonly string[]>;

export interface CreateAppOptions {
  databaseUrl: string;
  frontendDir?: string;
}

export function defaultFrontendDir(): string {
  return process.env['FRONTEND_DIR'] ?? join(__dirname, '..', 'frontend', 'browser');
}

/** The OpenAPI document, also written to docs/api/openapi.json for the dashboard's generated types. */
export function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Homeward API')
    .setDescription('Case management for the search for missing, abducted and trafficked children.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
}

/** Everything about the HTTP surface, shared by the server and the integration tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.set('query parser', 'extended');
  if (config.trustProxy) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular Material and the CDK set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', new URL(config.mapTileUrl.replace(/\{[a-z]\}/g, 'a')).origin],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          // The dashboard may be served over plain HTTP on a local network; do not rewrite to https.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

export async function createApp(config: AppConfig, options: CreateAppOptions): Promise<NestExpressApplication> {
  const frontendDir = options.frontendDir ?? defaultFrontendDir();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.databaseUrl, frontendDir), {
    bodyParser: false,
    logger: new QuietStartLogger({ logLevels: [...LOG_LEVELS[config.logLevel]] }),
  });
  configureApp(app, config);
  return app;
}
