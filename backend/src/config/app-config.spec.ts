import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './app-config';

const JWT_SECRET = 'a-real-secret-of-more-than-32-characters!';
const DATA_ENCRYPTION_KEY = 'ab'.repeat(32);
const DATABASE_URL = 'postgres://homeward@db.internal:5432/homeward';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'homeward-config-spec-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The problems a configuration is refused for (fails the test when it is accepted). */
  function problemsWith(env: Record<string, string>): string[] {
    try {
      loadConfig({ HOMEWARD_DATA_DIR: dataDir, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as ConfigurationError).problems;
    }
    throw new Error(`configuration ${JSON.stringify(env)} was accepted`);
  }

  it('has safe defaults for development', () => {
    const config = loadConfig({ HOMEWARD_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir,
      accessTokenTtlSeconds: 600,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      mfaRequiredRoles: ['admin', 'supervisor'],
      cookieSecure: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads and converts the values it is given', () => {
    const config = loadConfig({
      HOMEWARD_DATA_DIR: dataDir,
      PORT: '8080',
      DATABASE_URL,
      DATABASE_REPLICA_URLS: ' postgres://r1/h , postgres://r2/h ,',
      DEMO_DATA: 'no',
      ACCESS_TOKEN_TTL_SECONDS: '900',
      MFA_REQUIRED_ROLES: 'officer, lab_technician',
      COOKIE_SECURE: 'true',
      JWT_SECRET,
      DATA_ENCRYPTION_KEY,
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: DATABASE_URL,
      databaseReplicaUrls: ['postgres://r1/h', 'postgres://r2/h'],
      demoData: false,
      accessTokenTtlSeconds: 900,
      mfaRequiredRoles: ['officer', 'lab_technician'],
      cookieSecure: true,
      jwtSecret: JWT_SECRET,
      generatedSecrets: [],
    });
    expect(config.dataEncryptionKey.equals(Buffer.from(DATA_ENCRYPTION_KEY, 'hex'))).toBe(true);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://localhost/homeward'],
    ['DEMO_DATA', 'maybe'],
    ['JWT_SECRET', 'too-short'],
    ['DATA_ENCRYPTION_KEY', 'zz'.repeat(32)],
    ['DATA_ENCRYPTION_KEY', 'ab'.repeat(16)],
    ['ACCESS_TOKEN_TTL_SECONDS', '3600'],
    ['SESSION_IDLE_MINUTES', '45'],
    ['SESSION_ABSOLUTE_HOURS', '24'],
    ['MFA_REQUIRED_ROLES', 'admin,janitor'],
    ['COOKIE_SECURE', 'sometimes'],
    ['LOG_LEVEL', 'chatty'],
  ])('refuses a wrong %s (%s) and names it', (name, value) => {
    const problems = problemsWith({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(name)).toBe(true);
  });

  it('lists every wrong value at once, in the error message too', () => {
    let message = '';
    try {
      loadConfig({ HOMEWARD_DATA_DIR: dataDir, PORT: 'x', JWT_SECRET: 'short', SESSION_IDLE_MINUTES: '0' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'JWT_SECRET', 'SESSION_IDLE_MINUTES']) expect(message).toContain(name);
  });

  it('refuses to start in production without real secrets and a database, naming each', () => {
    const problems = problemsWith({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET']);
    expect(problemsWith({ NODE_ENV: 'production', DATABASE_URL, JWT_SECRET }).map((p) => p.split(':')[0])).toEqual(['DATA_ENCRYPTION_KEY']);
    expect(existsSync(join(dataDir, 'demo-secrets.json'))).toBe(false);
  });

  it('starts in production with real secrets, with secure cookies', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL, JWT_SECRET, DATA_ENCRYPTION_KEY, HOMEWARD_DATA_DIR: dataDir });
    expect(config.generatedSecrets).toEqual([]);
    expect(config.cookieSecure).toBe(true);
    expect(existsSync(join(dataDir, 'demo-secrets.json'))).toBe(false);
  });

  it('generates demo secrets once and keeps them in the data folder', () => {
    const first = loadConfig({ HOMEWARD_DATA_DIR: dataDir });
    expect(first.generatedSecrets.sort()).toEqual(['DATA_ENCRYPTION_KEY', 'JWT_SECRET']);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.dataEncryptionKey).toHaveLength(32);

    const file = join(dataDir, 'demo-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.JWT_SECRET).toBe(first.jwtSecret);
    expect(stored.DATA_ENCRYPTION_KEY).toBe(first.dataEncryptionKey.toString('hex'));

    const second = loadConfig({ HOMEWARD_DATA_DIR: dataDir });
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.dataEncryptionKey.equals(first.dataEncryptionKey)).toBe(true);

    const elsewhere = mkdtempSync(join(tmpdir(), 'homeward-config-spec-'));
    try {
      expect(loadConfig({ HOMEWARD_DATA_DIR: elsewhere }).jwtSecret).not.toBe(first.jwtSecret);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('generates only the secret that is missing', () => {
    const config = loadConfig({ HOMEWARD_DATA_DIR: dataDir, JWT_SECRET });
    expect(config.jwtSecret).toBe(JWT_SECRET);
    expect(config.generatedSecrets).toEqual(['DATA_ENCRYPTION_KEY']);
    expect(JSON.parse(readFileSync(join(dataDir, 'demo-secrets.json'), 'utf8')).JWT_SECRET).toBeUndefined();
  });
});
