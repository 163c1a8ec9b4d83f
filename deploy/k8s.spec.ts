import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveEnv } from '../apps/archive/src/config/archive.env';
import { GatewayEnv } from '../apps/gateway/src/config/gateway.env';
import { RouterEnv } from '../apps/router/src/config/router.env';
import { ValidatorEnv } from '../apps/validator/src/config/validator.env';
import { CommonEnv, loadEnv } from '@careplan/platform';
import { ToolsEnv } from '../tools/lib/tools.env';
import { Container, containersOf, K8S_DIR, K8sDoc, render } from './support/kustomize';
import { ROOT } from './support/metrics';

/** Each component's configuration schema: what its container may be given. */
const SCHEMAS: Record<string, new () => CommonEnv> = {
  gateway: GatewayEnv,
  validator: ValidatorEnv,
  router: RouterEnv,
  archive: ArchiveEnv,
  migrate: ToolsEnv,
};
const SERVICES = ['gateway', 'validator', 'router', 'archive'];
const CONSUMERS = ['validator', 'router', 'archive'];
const SECRET_NAME = 'careplan-secrets';
const CONFIG_NAME = 'careplan-config';
/** Variables that hold secrets: only ever from a Secret, by reference. */
const SECRET_LIKE = /TOKEN|SECRET|PASSWORD|_KEY$|DATABASE_URL|REDIS_URL/;
/** Stand-ins for the Secret's values, shaped as the schemas want them. */
const SECRET_SAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgres://careplan:pw@postgres:5432/careplan',
  REDIS_URL: 'redis://:pw@redis:6379',
  INTERNAL_TOKEN: 'a-real-secret-of-32-characters!!',
  RECEIPT_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEI…\\n-----END PRIVATE KEY-----',
  WEBHOOK_SECRET_KEY: 'q1hX0mN3v6yB9sE2uW5zC8fJ1lO4rT7aD0gK3pS6iV8=',
  CONSOLE_SESSION_SECRET: 'k2Vb7Qw9Zr4Tn1Yx6Lm3Pd8Hs5Jf0Ga2Ce7Ku4Wq9Rt1Ny6Mz3',
  CONSOLE_TOTP_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
  TOKEN_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEI…\\n-----END PRIVATE KEY-----',
};

/** Schema problems of every object, from kubernetes-models (ES modules: validated in a child process). */
function schemaProblems(docs: K8sDoc[]): string[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'support', 'validate-k8s.mjs')], {
    input: JSON.stringify(docs),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[];
}

const componentOf = (d: K8sDoc): string =>
  String((d.metadata.labels as Record<string, string> | undefined)?.['app.kubernetes.io/component'] ?? '');
const find = (docs: K8sDoc[], kind: string, name: string): K8sDoc => {
  const doc = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`no ${kind} ${name}`);
  return doc;
};
const configData = (docs: K8sDoc[]): Record<string, string> =>
  find(docs, 'ConfigMap', CONFIG_NAME).data as Record<string, string>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** What is wrong with how a container is configured; empty when nothing is. */
function envProblems(docs: K8sDoc[], component: string, c: Container): string[] {
  const schema = SCHEMAS[component];
  if (!schema) return [`${c.name}: no configuration schema for component "${component}"`];
  const known = new Set(Object.keys(new schema()));
  const data = configData(docs);
  const problems: string[] = [];
  const env: Record<string, string> = { NODE_ENV: imageNodeEnv() };
  for (const v of c.env ?? []) {
    const where = `${c.name} ${v.name}`;
    if (!known.has(v.name)) problems.push(`${where}: not in ${schema.name}`);
    const secret = v.valueFrom?.secretKeyRef;
    const config = v.valueFrom?.configMapKeyRef;
    if (SECRET_LIKE.test(v.name) && !secret)
      problems.push(`${where}: a secret given other than by secretKeyRef`);
    if (secret) {
      if (secret.name !== SECRET_NAME) problems.push(`${where}: Secret ${secret.name}, not ${SECRET_NAME}`);
      if (!(secret.key in SECRET_SAMPLES))
        problems.push(`${where}: Secret key ${secret.key} is not documented`);
      env[v.name] = SECRET_SAMPLES[secret.key] ?? '';
    } else if (config) {
      if (config.name !== CONFIG_NAME || !(config.key in data))
        problems.push(`${where}: ConfigMap ${config.name} has no key ${config.key}`);
      env[v.name] = data[config.key] ?? '';
    } else if (v.value !== undefined) env[v.name] = v.value;
    else problems.push(`${where}: neither a value nor a reference`);
  }
  // The configuration as the process would read it, in production as the image runs it.
  try {
    loadEnv(schema, env, () => undefined);
  } catch (e) {
    problems.push(`${c.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return problems;
}

/** NODE_ENV of the image (Dockerfile's runtime stage): production turns on the start-up refusals. */
function imageNodeEnv(): string {
  return /NODE_ENV=(\w+)/.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1] ?? '';
}

/** A service's container: its probes, port, resources and command agree with the code. */
function containerProblems(component: string, c: Container): string[] {
  const problems: string[] = [];
  const port = new SCHEMAS[component]().PORT;
  const portEnv = c.env?.find((v) => v.name === 'PORT')?.value;
  if (c.ports?.find((p) => p.name === 'http')?.containerPort !== port || portEnv !== String(port))
    problems.push(`${c.name}: port http and PORT must be ${port}`);
  const internalPort = new SCHEMAS[component]().INTERNAL_PORT;
  const internalEnv = c.env?.find((v) => v.name === 'INTERNAL_PORT')?.value;
  if (
    c.ports?.find((p) => p.name === 'internal')?.containerPort !== internalPort ||
    internalEnv !== String(internalPort)
  )
    problems.push(`${c.name}: port internal and INTERNAL_PORT must be ${internalPort}`);
  const probe = (name: string) =>
    (c[name] as { httpGet?: { path?: string; port?: string } } | undefined)?.httpGet ?? {};
  for (const [name, path] of [
    ['startupProbe', '/health/live'],
    ['livenessProbe', '/health/live'],
    ['readinessProbe', '/health/ready'],
  ])
    if (probe(name).path !== path || probe(name).port !== 'http')
      problems.push(`${c.name}: ${name} must GET ${path} on port http`);
  problems.push(...resourceProblems(c), ...commandProblems(c));
  return problems;
}

function resourceProblems(c: Container): string[] {
  const r = c.resources as Record<string, Record<string, string> | undefined> | undefined;
  return ['requests', 'limits'].flatMap((k) =>
    r?.[k]?.cpu && r?.[k]?.memory ? [] : [`${c.name}: resources.${k} needs cpu and memory`],
  );
}

/** `node dist/X.js` runs what `X.ts` compiles to (scripts/build.js keeps the layout). */
function commandProblems(c: Container): string[] {
  const [node, script] = c.command ?? [];
  const source = /^dist\/(.+)\.js$/.exec(script ?? '')?.[1];
  return node === 'node' && source && existsSync(join(ROOT, `${source}.ts`))
    ? []
    : [`${c.name}: command ${JSON.stringify(c.command)} runs nothing the build makes`];
}

/** The services call each other on the internal port of the other's Service, never the public one. */
function internalUrlProblems(docs: K8sDoc[]): string[] {
  return (
    [
      ['ARCHIVE_URL', 'archive'],
      ['ROUTER_URL', 'router'],
      ['GATEWAY_URL', 'gateway'],
    ] as const
  ).flatMap(([variable, service]) => {
    const url = new URL(configData(docs)[variable]);
    const ports = (find(docs, 'Service', service).spec as { ports: { name: string; port: number }[] }).ports;
    const internal = ports.find((p) => p.name === 'internal')?.port;
    return url.hostname === service && Number(url.port) === internal
      ? []
      : [`${variable}: must be the internal port of Service ${service} (${internal ?? 'none'})`];
  });
}

/** The archive reads the others' health and metrics on the public (http) port of their Service. */
function publicUrlProblems(docs: K8sDoc[]): string[] {
  return (
    [
      ['GATEWAY_PUBLIC_URL', 'gateway'],
      ['VALIDATOR_PUBLIC_URL', 'validator'],
      ['ROUTER_PUBLIC_URL', 'router'],
    ] as const
  ).flatMap(([variable, service]) => {
    const url = new URL(configData(docs)[variable]);
    const ports = (find(docs, 'Service', service).spec as { ports: { name: string; port: number }[] }).ports;
    const http = ports.find((p) => p.name === 'http')?.port;
    return url.hostname === service && Number(url.port) === http
      ? []
      : [`${variable}: must be the http port of Service ${service} (${http ?? 'none'})`];
  });
}

/** Every check of a rendered layout; empty when nothing is wrong. */
function layoutProblems(docs: K8sDoc[]): string[] {
  const problems = schemaProblems(docs);
  for (const d of docs.filter((x) => x.kind === 'Deployment' || x.kind === 'Job'))
    for (const c of containersOf(d)) {
      problems.push(...envProblems(docs, componentOf(d), c));
      if (d.kind === 'Deployment') problems.push(...containerProblems(componentOf(d), c));
      else problems.push(...resourceProblems(c), ...commandProblems(c));
    }
  for (const s of docs.filter((x) => x.kind === 'Service')) {
    const selector = (s.spec as { selector: Record<string, string> }).selector;
    const targets = docs.filter(
      (d) =>
        d.kind === 'Deployment' &&
        Object.entries(selector).every(
          ([k, v]) =>
            (d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
              .labels[k] === v,
        ),
    );
    if (targets.length !== 1)
      problems.push(`Service ${s.metadata.name}: selects ${targets.length} Deployments`);
  }
  problems.push(...internalUrlProblems(docs), ...publicUrlProblems(docs));
  for (const h of docs.filter((x) => x.kind === 'HorizontalPodAutoscaler')) {
    const ref = (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    const target = docs.find((d) => d.kind === ref.kind && d.metadata.name === ref.name);
    if (!target) problems.push(`HorizontalPodAutoscaler ${h.metadata.name}: no ${ref.kind} ${ref.name}`);
    // A Deployment that sets replicas takes them back from its autoscaler at every apply.
    else if ((target.spec as { replicas?: number }).replicas !== undefined)
      problems.push(`Deployment ${ref.name}: replicas set, but an autoscaler owns them`);
  }
  for (const secret of docs.filter((x) => x.kind === 'Secret'))
    problems.push(`Secret ${secret.metadata.name}: secrets are created outside these files`);
  return problems;
}

describe('Kubernetes manifests (deploy/k8s)', () => {
  const base = render(join(K8S_DIR, 'base'));
  const example = render(join(K8S_DIR, 'overlays', 'example'));

  it('deploy every service with its Service, the migration Job and the consumers autoscaled', () => {
    for (const s of SERVICES) {
      expect(find(base, 'Deployment', s)).toBeDefined();
      expect(find(base, 'Service', s)).toBeDefined();
    }
    const migrate = containersOf(find(base, 'Job', 'careplan-migrate'))[0];
    expect(migrate.command).toEqual(['node', 'dist/tools/migrate.js']);
    const hpas = base.filter((d) => d.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => [h.apiVersion, h.metadata.name])).toEqual(
      CONSUMERS.map((c) => ['autoscaling/v2', c]),
    );
  });

  it('pass the Kubernetes schemas and agree with the code: ports, probes, resources, configuration, secrets', () => {
    expect(layoutProblems(base)).toEqual([]);
    expect(layoutProblems(example)).toEqual([]);
  });

  it('overlay the example environment: namespace, image, replicas and its own configuration', () => {
    expect(example.every((d) => d.metadata.namespace === 'careplan-example')).toBe(true);
    const images = new Set(example.flatMap(containersOf).map((c) => c.image));
    expect([...images]).toEqual(['registry.example.org/careplan/careplan-exchange:0.1.0']);
    expect((find(example, 'Deployment', 'gateway').spec as { replicas: number }).replicas).toBe(3);
    expect(configData(example)).toMatchObject({ LOG_LEVEL: 'warn', ARCHIVE_URL: 'http://archive:3103' });
    expect(configData(example).KAFKA_BROKERS).toContain('careplan-example.svc');
    // The base is left as it was.
    expect(configData(base).LOG_LEVEL).toBe('info');
  });

  it('fail on a broken copy: a wrong type, an unknown variable, a literal secret, a missing probe', () => {
    const broken = clone(base);
    const gateway = containersOf(find(broken, 'Deployment', 'gateway'))[0];
    gateway.ports = [{ name: 'http', containerPort: 'three thousand' as unknown as number }];
    gateway.env = [...(gateway.env ?? []), { name: 'MAX_FILE_SIZE', value: '1' }];
    const router = containersOf(find(broken, 'Deployment', 'router'))[0];
    router.env = router.env?.map((v) =>
      v.name === 'INTERNAL_TOKEN' ? { name: v.name, value: 'x'.repeat(32) } : v,
    );
    delete containersOf(find(broken, 'Deployment', 'archive'))[0].readinessProbe;
    configData(broken).KAFKA_BROKERS = 'kafka:9092, kafka-1:9092';
    configData(broken).ROUTER_URL = 'http://router:3002';
    configData(broken).VALIDATOR_PUBLIC_URL = 'http://validator:3101';

    const problems = layoutProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deployment gateway: .*containerPort must be integer/),
        'gateway MAX_FILE_SIZE: not in GatewayEnv',
        'router INTERNAL_TOKEN: a secret given other than by secretKeyRef',
        'archive: readinessProbe must GET /health/ready on port http',
        expect.stringMatching(/^validator: Invalid configuration:\n {2}KAFKA_BROKERS/),
        'ROUTER_URL: must be the internal port of Service router (3102)',
        'VALIDATOR_PUBLIC_URL: must be the http port of Service validator (3001)',
      ]),
    );
    expect(schemaProblems([{ ...find(base, 'Job', 'careplan-migrate'), spec: {} }])).toEqual([
      expect.stringMatching(/^Job careplan-migrate: .*template/),
    ]);
  });

  it('refuses kustomization fields it does not render, and patches of what is not there', () => {
    expect(() => render(join(__dirname, 'support', 'fixtures', 'unsupported'))).toThrow(
      /unsupported kustomization fields namePrefix/,
    );
    expect(() => render(join(__dirname, 'support', 'fixtures', 'stray-patch'))).toThrow(
      /no ConfigMap nope to patch/,
    );
  });
});
