import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const roleList = z
  .string()
  .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['admin', 'supervisor', 'officer', 'lab_technician', 'ngo_caseworker'])));

/** Every environment variable the server reads, with what it expects. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
    .optional(),
  DATABASE_REPLICA_URLS: z.string().optional(),
  HOMEWARD_DATA_DIR: z.string().min(1).optional(),
  DEMO_DATA: booleanFromEnv.optional(),
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hexadecimal characters (a 256-bit key)')
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(900, 'at most 900 (15 minutes)').default(600),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30, 'at most 30 minutes').default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(12, 'at most 12 hours').default(12),
  MFA_REQUIRED_ROLES: roleList.default(['admin', 'supervisor']),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  COOKIE_SECURE: booleanFromEnv.optional(),
  TRUST_PROXY: z.string().optional(),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  // Photos in S3-compatible object storage instead of the data folder: all four or none.
  S3_ENDPOINT: z.string().url('expected the URL of an S3-compatible endpoint').optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  // Follow-up visits after a family reunion, in months after it: distinct, increasing, 1 to 120.
  REUNION_FOLLOW_UP_MONTHS: z
    .string()
    .default('1,3,6,12')
    .transform((v) => v.split(',').map((m) => m.trim()))
    .pipe(
      z
        .array(z.string().regex(/^[0-9]+$/, 'expected whole months, e.g. 1,3,6,12').transform(Number).pipe(z.number().int().min(1).max(120)))
        .min(1, 'expected at least one month')
        .refine((months) => months.every((m, i) => i === 0 || m > months[i - 1]), 'expected distinct months in increasing order, e.g. 1,3,6,12'),
    ),
});

export type AppConfig = Readonly<{
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** null: the embedded PostgreSQL server in `dataDir/postgres`. */
  databaseUrl: string | null;
  databaseReplicaUrls: string[];
  dataDir: string;
  demoData: boolean | undefined;
  jwtSecret: string;
  dataEncryptionKey: Buffer;
  /** Names of the secrets that were generated because none were configured. */
  generatedSecrets: string[];
  accessTokenTtlSeconds: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  mfaRequiredRoles: string[];
  /** Per address and per username (OWASP ASVS 2.2.1); raise it only behind a shared NAT or in tests. */
  signInAttemptsPerMinute: number;
  cookieSecure: boolean;
  trustProxy: string | undefined;
  mapTileUrl: string;
  /** Credit shown on the maps for the tiles (the tile provider's licence usually requires it). */
  mapTileAttribution: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** null: photos are kept in `dataDir/attachments`. */
  s3: Readonly<{ endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string }> | null;
  /** When follow-up visits fall after a verified reunion, in months. */
  reunionFollowUpMonths: readonly number[];
}>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The project folder (where package.json lives): the default home of the data folder. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * Demo secrets are generated once and kept in the data folder, so that a restart keeps sessions and
 * encrypted MFA secrets readable. Production refuses to start without real secrets.
 */
function demoSecret(dataDir: string, name: string, make: () => string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    stored[name] = make();
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.HOMEWARD_DATA_DIR ?? join(projectRoot(), '.data'));
  const generatedSecrets: string[] = [];
  if (e.NODE_ENV === 'production') {
    const missing = [
      !e.JWT_SECRET && 'JWT_SECRET: required in production (at least 32 characters)',
      !e.DATA_ENCRYPTION_KEY && 'DATA_ENCRYPTION_KEY: required in production (64 hexadecimal characters)',
      !e.DATABASE_URL && 'DATABASE_URL: required in production (the embedded server is for demos and development)',
    ].filter((m): m is string => !!m);
    if (missing.length) throw new ConfigurationError(missing);
  }
  const s3Settings = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (s3Settings.some(Boolean) && !s3Settings.every(Boolean)) {
    throw new ConfigurationError([
      'S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set all four to keep photos in S3-compatible storage, or none',
    ]);
  }
  const jwtSecret =
    e.JWT_SECRET ??
    (generatedSecrets.push('JWT_SECRET'), demoSecret(dataDir, 'JWT_SECRET', () => randomBytes(48).toString('base64url')));
  const encryptionKeyHex =
    e.DATA_ENCRYPTION_KEY ??
    (generatedSecrets.push('DATA_ENCRYPTION_KEY'),
    demoSecret(dataDir, 'DATA_ENCRYPTION_KEY', () => randomBytes(32).toString('hex')));

  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseReplicaUrls: (e.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    dataDir,
    demoData: e.DEMO_DATA,
    jwtSecret,
    dataEncryptionKey: Buffer.from(encryptionKeyHex, 'hex'),
    generatedSecrets,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    mfaRequiredRoles: e.MFA_REQUIRED_ROLES,
    signInAttemptsPerMinute: e.SIGN_IN_ATTEMPTS_PER_MINUTE,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    trustProxy: e.TRUST_PROXY,
    mapTileUrl: e.MAP_TILE_URL,
    mapTileAttribution: e.MAP_TILE_ATTRIBUTION,
    logLevel: e.LOG_LEVEL,
    s3:
      e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, region: e.S3_REGION }
        : null,
    reunionFollowUpMonths: e.REUNION_FOLLOW_UP_MONTHS,
  });
}
