// What the monitoring files may name: the metrics the services register (found by reading their sources, so a
// renamed or removed metric breaks the alert or panel that names it), prom-client's default metrics, and
// what Prometheus itself adds to every target.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';

export const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['apps', 'libs'];

/** `metrics.counter('name'`, `.gauge(`, `.histogram(` (MetricsService), the first argument a string literal. */
const REGISTRATION = /\.(counter|gauge|histogram)\(\s*['"`]([a-zA-Z_:][a-zA-Z0-9_:]*)['"`]/g;

/** Series Prometheus makes for each target itself. */
const SCRAPE_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Metric names registered in the services' and libraries' code, by kind. */
export function registeredMetrics(): Map<string, 'counter' | 'gauge' | 'histogram'> {
  const found = new Map<string, 'counter' | 'gauge' | 'histogram'>();
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))))
    for (const m of readFileSync(file, 'utf8').matchAll(REGISTRATION))
      found.set(m[2], m[1] as 'counter' | 'gauge' | 'histogram');
  return found;
}

/** Every series name a query may use: histograms as their _bucket, _sum and _count series. */
export async function knownSeries(): Promise<Set<string>> {
  const names = new Set<string>(SCRAPE_SERIES);
  for (const [name, kind] of registeredMetrics()) {
    if (kind === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    else names.add(name);
  }
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  for (const m of await defaults.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
  }
  return names;
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions, keywords, label names
 * (inside `{…}` or a `by (…)` list), strings, durations or numbers.
 */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1])
    .filter((n) => !KEYWORDS.has(n.toLowerCase()));
  return [...new Set(names)];
}
