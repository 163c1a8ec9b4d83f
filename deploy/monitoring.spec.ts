import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { knownSeries, metricNamesIn, ROOT } from './support/metrics';

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  targets?: { expr?: string }[];
}

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function rulesOf(yamlText: string): Rule[] {
  const doc = parse(yamlText) as { groups?: { name: string; rules?: Rule[] }[] };
  return (doc.groups ?? []).flatMap((g) => g.rules ?? []);
}

/** What is wrong with one alert rule, given the series the code exposes; empty when nothing is. */
function ruleProblems(rule: Rule, known: Set<string>): string[] {
  const name = rule.alert ?? '(no alert name)';
  const problems: string[] = [];
  if (!rule.alert) problems.push(`${name}: alert`);
  if (!rule.expr?.trim()) problems.push(`${name}: expr`);
  if (!/^\d+[smhd]$/.test(rule.for ?? '')) problems.push(`${name}: for`);
  if (!['critical', 'warning', 'info'].includes(rule.labels?.severity ?? ''))
    problems.push(`${name}: labels.severity`);
  if (!rule.annotations?.summary?.trim()) problems.push(`${name}: annotations.summary`);
  for (const metric of metricNamesIn(rule.expr ?? ''))
    if (!known.has(metric)) problems.push(`${name}: unknown metric ${metric}`);
  return problems;
}

describe('Prometheus alert rules (deploy/prometheus/alerts.yml)', () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = await knownSeries();
  });

  it('reads the metric names the code registers', () => {
    for (const m of [
      'careplan_kafka_consumer_lag',
      'careplan_kafka_messages_total',
      'careplan_webhook_dead_letters',
      'careplan_webhook_attempts_total',
      'http_request_duration_seconds_count',
      'process_resident_memory_bytes',
      'up',
    ])
      expect(known).toContain(m);
    expect(known).not.toContain('http_request_duration_seconds');
  });

  it('finds the metrics of an expression, not its functions, labels, strings or grouping', () => {
    expect(
      metricNamesIn(
        'sum by (app, le) (rate(http_request_duration_seconds_count{status=~"5..", app="x"}[5m])) / on(app) up > 0.05',
      ),
    ).toEqual(['http_request_duration_seconds_count', 'up']);
    expect(
      metricNamesIn('histogram_quantile(0.95, sum by (le) (rate(a_bucket{app=~"$app"}[$__rate_interval])))'),
    ).toEqual(['a_bucket']);
  });

  it('gives every rule its name, expression, duration, severity and summary, over metrics that exist', () => {
    const rules = rulesOf(read('deploy/prometheus/alerts.yml'));
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'CareplanServiceDown',
        'CareplanOutboxStale',
        'CareplanConsumerLag',
        'CareplanKafkaDeadLetters',
        'CareplanWebhookDeadLetters',
        'CareplanHttpErrors',
      ]),
    );
    expect(rules.flatMap((r) => ruleProblems(r, known))).toEqual([]);
  });

  it('catches a rule without severity and one over a metric no code registers', () => {
    const broken = rulesOf(
      read('deploy/prometheus/alerts.yml')
        .replace('severity: critical', 'team: ops')
        .replace('careplan_kafka_consumer_lag', 'careplan_kafka_consumer_lagg'),
    );
    expect(broken.flatMap((r) => ruleProblems(r, known))).toEqual([
      'CareplanServiceDown: labels.severity',
      'CareplanConsumerLag: unknown metric careplan_kafka_consumer_lagg',
    ]);
  });

  it('is loaded by the Prometheus configuration, which docker compose mounts with it', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml')) as { rule_files?: string[] };
    expect(config.rule_files).toContain('/etc/prometheus/alerts.yml');
    expect(read('docker-compose.yml')).toContain(
      './deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro',
    );
  });
});

describe('Grafana dashboard (deploy/grafana/dashboards/careplan-exchange.json)', () => {
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/careplan-exchange.json')) as {
    panels: Panel[];
  };

  it('queries only metrics the code registers', async () => {
    const known = await knownSeries();
    const unknown = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).flatMap((t) =>
        metricNamesIn(t.expr ?? '')
          .filter((m) => !known.has(m))
          .map((m) => `${p.title}: ${m}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('shows webhook attempts, webhook dead letters and Kafka dead letters, each panel with its own id', () => {
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
    expect(exprs.some((e) => e.includes('careplan_webhook_attempts_total'))).toBe(true);
    expect(exprs.some((e) => e.includes('careplan_webhook_dead_letters'))).toBe(true);
    expect(exprs.some((e) => /careplan_kafka_messages_total\{[^}]*outcome="dead_lettered"/.test(e))).toBe(
      true,
    );
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
