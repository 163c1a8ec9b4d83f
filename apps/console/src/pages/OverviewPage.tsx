import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Page } from '../components/Page';
import { Count, Instant, Prefecture } from '../components/Values';
import { useLang } from '../i18n';
import { formatHour } from '../lib/format';
import { useInterval, useLoad } from '../lib/hooks';

const REFRESH_MS = 10_000;

/** Today at a glance, within the operator's prefecture; refreshed every 10 s. */
export function OverviewPage() {
  const { t } = useTranslation();
  const overview = useLoad('overview', () => unwrap(api.GET('/ops/v1/overview')));
  useInterval(overview.reload, REFRESH_MS);
  const o = overview.data;
  return (
    <Page title={t('overview.title')}>
      <p className="intro" aria-live="off">
        {o ? (
          <>
            <Prefecture code={o.prefecture} /> · {t('overview.asOf')} <Instant value={o.asOf} /> ·{' '}
            {t('overview.refresh')}
          </>
        ) : (
          t('overview.refresh')
        )}
      </p>
      {o ? null : <Loading when={overview.loading} />}
      <ProblemAlert problem={overview.problem} />
      {o ? <OverviewCards o={o} /> : null}
      {o ? <Last24h rows={o.last24h} /> : null}
    </Page>
  );
}

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const id = `card-${testId}`;
  return (
    <section className="card" aria-labelledby={id} data-testid={`overview-${testId}`}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Figure({ value, label }: { value: number; label?: string }) {
  return (
    <p className="figure">
      <Count value={value} />
      {label ? <span className="figure-label"> {label}</span> : null}
    </p>
  );
}

function Breakdown({ rows, empty }: { rows: [string, number][]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="compact">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">
              <code>{k}</code>
            </th>
            <td className="num">
              <Count value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Overview = Schemas['OverviewDto'];

function OverviewCards({ o }: { o: Overview }) {
  const { t } = useTranslation();
  return (
    <div className="cards">
      <Card title={t('overview.submissions')} testId="submissions">
        <Figure value={o.submissions.total} />
        <Breakdown
          rows={Object.entries(o.submissions.byStatus).filter(([, n]) => n > 0)}
          empty={t('overview.none')}
        />
      </Card>
      <Card title={t('overview.validationFailures')} testId="validation-failures">
        <Figure value={o.validationFailures.reduce((s, v) => s + v.submissions, 0)} />
        <Breakdown
          rows={o.validationFailures.map((v) => [v.code, v.submissions])}
          empty={t('overview.none')}
        />
      </Card>
      <Card title={t('overview.deliveries')} testId="deliveries">
        {o.deliveries ? (
          <Breakdown
            rows={[
              [t('overview.pull'), o.deliveries.pull],
              [t('overview.webhook'), o.deliveries.webhook],
            ]}
            empty={t('overview.none')}
          />
        ) : (
          <Unavailable />
        )}
      </Card>
      <Card title={t('overview.webhookDeadLetters')} testId="webhook-dead-letters">
        {o.webhookDeadLetters === null ? <Unavailable /> : <Figure value={o.webhookDeadLetters} />}
        <Link to="/dead-letters?tab=webhook">{t('overview.toDeadLetters')}</Link>
      </Card>
      <Card title={t('overview.kafkaDlq')} testId="kafka-dlq">
        {o.kafkaDlq ? (
          <Figure value={o.kafkaDlq.notReplayed} label={t('overview.notReplayed')} />
        ) : (
          <Unavailable />
        )}
        <Link to="/dead-letters?tab=kafka">{t('overview.toDeadLetters')}</Link>
      </Card>
      <Card title={t('overview.consumerLag')} testId="consumer-lag">
        {o.consumerLag === null ? (
          <Unavailable />
        ) : (
          <Figure value={o.consumerLag} label={t('overview.messages')} />
        )}
      </Card>
      <Card title={t('overview.services')} testId="services">
        <ul className="services">
          {o.services.map((s) => (
            <li key={s.service} data-testid={`service-${s.service}`} data-status={s.status}>
              <span className={`badge ${s.status === 'up' ? 'badge-ok' : 'badge-bad'}`}>
                {t(`overview.${s.status}`)}
              </span>{' '}
              <strong>{s.service}</strong>
              <ServiceFigures metrics={s.metrics} />
              {s.detail ? <span className="muted"> {s.detail}</span> : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** A figure the overview could not get (its service did not answer). */
function Unavailable() {
  const { t } = useTranslation();
  return <p className="muted">{t('overview.unavailable')}</p>;
}

function ServiceFigures({ metrics }: { metrics: Schemas['ServiceMetricsDto'] | null }) {
  const { t } = useTranslation();
  if (!metrics) return null;
  const parts: string[] = [];
  if (metrics.residentMemoryBytes !== null)
    parts.push(`${t('overview.memory')} ${Math.round(metrics.residentMemoryBytes / 1048576)} MB`);
  if (metrics.outboxBacklog !== null) parts.push(`${t('overview.outbox')} ${metrics.outboxBacklog}`);
  if (metrics.consumerLag !== null) parts.push(`${t('overview.consumerLag')} ${metrics.consumerLag}`);
  return parts.length > 0 ? <span className="muted"> {parts.join(' · ')}</span> : null;
}

function Last24h({ rows }: { rows: Overview['last24h'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const data = rows.map((r) => ({ ...r, label: formatHour(r.hour, lang) }));
  return (
    <section className="chart-section" aria-labelledby="last24h-title" data-testid="overview-last24h">
      <h2 id="last24h-title">{t('overview.last24h')}</h2>
      <figure className="chart" aria-label={t('overview.last24h')}>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d9dde3" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fill: '#3b4350', fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: '#3b4350', fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Line
              type="monotone"
              dataKey="submitted"
              name={t('overview.submitted')}
              stroke="#1f5fa8"
              dot={false}
            />
            <Line
              type="monotone"
              dataKey="delivered"
              name={t('overview.delivered')}
              stroke="#2e7d4f"
              dot={false}
            />
            <Line type="monotone" dataKey="failed" name={t('overview.failed')} stroke="#b3261e" dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <details>
        <summary>{t('common.asTable')}</summary>
        <DataTable
          caption={t('overview.last24h')}
          columns={[
            t('overview.hour'),
            t('overview.submitted'),
            t('overview.delivered'),
            t('overview.failed'),
          ]}
        >
          {data.map((r) => (
            <tr key={r.hour}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.submitted}</td>
              <td className="num">{r.delivered}</td>
              <td className="num">{r.failed}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </section>
  );
}
