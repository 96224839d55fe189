import { loadAll } from 'js-yaml';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigurationError, loadConfig } from '../../src/config/app-config';
import { createTestApp, type TestApp } from '../test-app';

/**
 * The deployment files in infra/ against the real application: probes and health checks name
 * endpoints that answer, ports agree, every environment variable is one the server reads, and the
 * example Secret cannot be deployed by mistake.
 */

const ROOT = join(__dirname, '..', '..', '..');
const INFRA = join(ROOT, 'infra');

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const files = yamlFiles(INFRA);
const docsByFile = new Map<string, Doc[]>(
  files.map((f) => [relative(INFRA, f), (loadAll(readFileSync(f, 'utf8')) as Doc[]).filter((d) => d != null)]),
);
const k8sDocs = [...docsByFile].filter(([f]) => f.startsWith('k8s/')).flatMap(([, docs]) => docs);
const ofKind = (kind: string) => k8sDocs.filter((d) => d.kind === kind);
const one = (kind: string, name?: string) => {
  const found = ofKind(kind).filter((d) => !name || d.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

const deployment = () => one('Deployment');
const apiContainer = () => deployment().spec.template.spec.containers[0];
const migrationJob = () => one('Job');
const configMap = () => one('ConfigMap');
const exampleSecret = () => one('Secret');
const firstDoc = (file: string): Doc => {
  const docs = docsByFile.get(file);
  if (!docs?.length) throw new Error(`infra/${file} is missing or empty`);
  return docs[0];
};
const compose = () => firstDoc('compose/compose.yaml');
const dockerfile = () => readFileSync(join(INFRA, 'container', 'Dockerfile'), 'utf8');

/** The variables of environmentSchema in app-config.ts, read from its source text. */
function schemaVariables(): Set<string> {
  const source = readFileSync(join(ROOT, 'backend', 'src', 'config', 'app-config.ts'), 'utf8');
  const block = source.match(/const environmentSchema = z\.object\(\{([\s\S]*?)\n\}\);/);
  if (!block) throw new Error('environmentSchema not found in app-config.ts');
  return new Set([...block[1].matchAll(/^\s{2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]));
}

/** Paths of http(s) URLs and of quoted absolute paths in a health-check command. */
function pathsIn(command: string): string[] {
  const urlPaths = [...command.matchAll(/https?:\/\/[^/'"\s`]+(\/[^'"\s`)]*)/g)].map((m) => m[1]);
  const quoted = [...command.matchAll(/['"`](\/[A-Za-z0-9._~\-/]+)['"`]/g)].map((m) => m[1]);
  return [...new Set([...urlPaths, ...quoted])];
}

/** The Dockerfile's HEALTHCHECK instruction, continuation lines joined. */
function dockerHealthcheck(): string {
  const joined = dockerfile().replace(/\\\r?\n/g, ' ');
  const line = joined.split(/\r?\n/).find((l) => /^\s*HEALTHCHECK\s/.test(l));
  if (!line) throw new Error('no HEALTHCHECK in the Dockerfile');
  return line;
}

function probePort(probe: Doc): number {
  const port = probe.httpGet.port;
  if (typeof port === 'number') return port;
  const named = apiContainer().ports.find((p: Doc) => p.name === port);
  if (!named) throw new Error(`probe names port ${port}, which the container does not declare`);
  return named.containerPort;
}

describe('infra manifests', () => {
  let t: TestApp;
  const defaultConfig = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'infra-manifests-test-secret-not-for-production',
    DATA_ENCRYPTION_KEY: '0f'.repeat(32),
    HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'homeward-infra-test-')),
  });

  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const expectAnswers200 = async (path: string) => {
    const res = await t.http().get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
  };

  it('parses every YAML file under infra/', () => {
    expect(files.map((f) => relative(INFRA, f))).toEqual(
      expect.arrayContaining(['compose/compose.yaml', 'k8s/deployment.yaml', 'k8s/kustomization.yaml', 'k8s/migrations-job.yaml']),
    );
    for (const [file, docs] of docsByFile) expect({ file, documents: docs.length > 0 }).toEqual({ file, documents: true });
  });

  it('lists in kustomization.yaml files that exist, and never the example Secret', () => {
    const kustomization = firstDoc('k8s/kustomization.yaml');
    for (const resource of kustomization.resources as string[]) {
      expect(statSync(join(INFRA, 'k8s', resource)).isFile()).toBe(true);
    }
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(kustomization.resources).toEqual(expect.arrayContaining(['deployment.yaml', 'service.yaml', 'migrations-job.yaml']));
  });

  it('probes the Deployment on endpoints that answer 200, on the port the app listens on', async () => {
    const container = apiContainer();
    const probes = [container.readinessProbe, container.livenessProbe, container.startupProbe].filter(Boolean);
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    for (const probe of probes) {
      expect(probePort(probe)).toBe(defaultConfig.port);
      await expectAnswers200(probe.httpGet.path);
    }
  });

  it('uses the default port everywhere: container, Service target, ConfigMap, compose, Dockerfile', () => {
    expect(defaultConfig.port).toBe(3000);
    const http = apiContainer().ports.find((p: Doc) => p.name === 'http');
    expect(http.containerPort).toBe(defaultConfig.port);
    expect(one('Service').spec.ports.map((p: Doc) => p.targetPort)).toEqual(['http']);
    expect(Number(configMap().data.PORT ?? defaultConfig.port)).toBe(defaultConfig.port);
    expect(configMap().data.HOST).toBe('0.0.0.0');
    const published: string[] = compose().services.api.ports;
    expect(published.every((p) => p.endsWith(`:${defaultConfig.port}`))).toBe(true);
    expect(dockerfile()).toMatch(new RegExp(`^EXPOSE ${defaultConfig.port}$`, 'm'));
    expect(dockerfile()).toMatch(/^\s*PORT=3000\b/m);
  });

  it('health-checks the compose API service on an endpoint that answers 200', async () => {
    const test = compose().services.api.healthcheck.test as string[];
    const paths = pathsIn(test.join(' '));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) await expectAnswers200(path);
    expect(compose().services.api.depends_on.db.condition).toBe('service_healthy');
    expect(compose().services.db.healthcheck.test).toBeDefined();
  });

  it('health-checks the container image on an endpoint that answers 200', async () => {
    const paths = pathsIn(dockerHealthcheck());
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) await expectAnswers200(path);
  });

  it('passes the API only environment variables that app-config.ts reads', () => {
    const known = schemaVariables();
    expect(known.has('DATABASE_URL')).toBe(true);
    const used = new Map<string, string>();
    const note = (names: Iterable<string>, where: string) => {
      for (const n of names) used.set(n, where);
    };
    for (const workload of [deployment(), migrationJob()]) {
      for (const c of workload.spec.template.spec.containers as Doc[]) {
        const where = `${workload.kind} ${workload.metadata.name}`;
        note((c.env ?? []).map((e: Doc) => e.name), where);
        note((c.env ?? []).flatMap((e: Doc) => [e.valueFrom?.secretKeyRef?.key, e.valueFrom?.configMapKeyRef?.key].filter(Boolean)), where);
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) note(Object.keys(one('ConfigMap', from.configMapRef.name).data), `ConfigMap ${from.configMapRef.name}`);
          if (from.secretRef) note(Object.keys(one('Secret', from.secretRef.name).stringData), `Secret ${from.secretRef.name}`);
        }
      }
    }
    for (const [file, docs] of docsByFile) {
      const env = file.startsWith('compose/') ? docs[0]?.services?.api?.environment : undefined;
      if (env) note(Array.isArray(env) ? env.map((e: string) => e.split('=')[0]) : Object.keys(env), `${file} service api`);
    }
    const unknown = [...used].filter(([name]) => !known.has(name)).map(([name, where]) => `${name} (${where})`);
    expect(unknown).toEqual([]);
    // The Secret the example describes is the one the workloads read.
    expect(apiContainer().envFrom.map((f: Doc) => f.secretRef?.name).filter(Boolean)).toEqual([exampleSecret().metadata.name]);
    expect(migrationJob().spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe(exampleSecret().metadata.name);
  });

  it('defines in .env.example every variable the compose files substitute', () => {
    const text = ['compose.yaml', 'compose.s3.yaml']
      .map((f) => readFileSync(join(INFRA, 'compose', f), 'utf8'))
      .join('\n')
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    const substituted = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
    const example = readFileSync(join(INFRA, 'compose', '.env.example'), 'utf8');
    const defined = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect([...substituted].filter((v) => !defined.has(v))).toEqual([]);
    for (const secret of ['POSTGRES_PASSWORD', 'JWT_SECRET', 'DATA_ENCRYPTION_KEY']) {
      expect(example).toMatch(new RegExp(`^${secret}=CHANGE-ME$`, 'm'));
    }
  });

  it('holds only placeholders in the example Secret, which the server refuses to start with', () => {
    const secret = exampleSecret();
    expect(secret.data).toBeUndefined();
    const values = Object.entries(secret.stringData as Record<string, string>);
    expect(values.length).toBeGreaterThan(0);
    for (const [key, value] of values) expect({ key, placeholder: value.includes('CHANGE-ME') }).toEqual({ key, placeholder: true });
    expect(readFileSync(join(INFRA, 'k8s', 'secret.example.yaml'), 'utf8')).toMatch(/EXAMPLE ONLY/);
    const tryStart = () =>
      loadConfig({ ...configMap().data, ...secret.stringData, HOMEWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'homeward-infra-test-')) });
    expect(tryStart).toThrow(ConfigurationError);
    try {
      tryStart();
    } catch (error) {
      const fields = (error as ConfigurationError).problems.map((p) => p.split(':')[0]);
      expect(fields).toEqual(expect.arrayContaining(['JWT_SECRET', 'DATA_ENCRYPTION_KEY']));
    }
  });

  it('starts from the ConfigMap and a real Secret in production mode', () => {
    const config = loadConfig({
      ...configMap().data,
      DATABASE_URL: 'postgres://homeward:secret@postgres:5432/homeward',
      JWT_SECRET: 'a'.repeat(64),
      DATA_ENCRYPTION_KEY: 'b'.repeat(64),
      S3_ACCESS_KEY_ID: 'homeward-api',
      S3_SECRET_ACCESS_KEY: 'c'.repeat(40),
    });
    expect(Object.keys(exampleSecret().stringData).sort()).toEqual(
      ['DATABASE_URL', 'DATA_ENCRYPTION_KEY', 'JWT_SECRET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    );
    expect(config).toMatchObject({ nodeEnv: 'production', host: '0.0.0.0', port: 3000, demoData: false, cookieSecure: true, generatedSecrets: [] });
  });

  it('runs the API as non-root on a read-only root file system, with 2+ replicas', () => {
    const spec = deployment().spec;
    expect(spec.replicas).toBeGreaterThanOrEqual(2);
    for (const workload of [deployment(), migrationJob()]) {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      const c = pod.containers[0];
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      const tmp = c.volumeMounts.find((m: Doc) => m.mountPath === '/tmp');
      expect(pod.volumes.find((v: Doc) => v.name === tmp.name).emptyDir).toBeDefined();
    }
    expect(dockerfile()).toMatch(/^USER node$/m);
    expect(dockerfile()).toMatch(/NODE_ENV=production/);
  });

  it('runs the TypeORM migrations from the data source the build produces', () => {
    const command: string[] = migrationJob().spec.template.spec.containers[0].command;
    expect(command.join(' ')).toMatch(/typeorm -d dist\/backend\/database\/data-source\.js migration:run$/);
    expect(statSync(join(ROOT, 'backend', 'src', 'database', 'data-source.ts')).isFile()).toBe(true);
    expect(migrationJob().spec.template.spec.restartPolicy).toBe('Never');
  });
});
