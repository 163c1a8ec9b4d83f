import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Page } from '../components/Page';
import { Count, Instant, Mono, Prefecture } from '../components/Values';
import { useLang } from '../i18n';
import { useLoad } from '../lib/hooks';
import { prefectureLabel } from '../lib/prefectures';
import { useSignedIn } from '../session/session';
import { PrefectureFilter } from './LicensesPage';

type Figures = Schemas['AdoptionFigures'];

/** How far the exchange has spread: registered, licensed and active offices, per prefecture and district. */
export function AdoptionPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const prefecture = operator.prefecture ?? (params.get('prefecture') || undefined);
  const adoption = useLoad(prefecture ?? '', () =>
    unwrap(api.GET('/ops/v1/adoption', { params: { query: { prefecture } } })),
  );
  const a = adoption.data;
  // One prefecture: its districts side by side; every prefecture: the prefectures.
  const chart = a
    ? a.prefecture || a.prefectures.length <= 1
      ? a.districts.map((d) => ({ ...d, label: `${d.prefecture}-${d.district}` }))
      : a.prefectures.map((p) => ({ ...p, label: prefectureLabel(p.prefecture, lang) }))
    : [];
  return (
    <Page title={t('adoption.title')}>
      <PrefectureFilter key={params.toString()} fixed={operator.prefecture} testId="adoption-filter" />
      <Loading when={adoption.loading} />
      <ProblemAlert problem={adoption.problem} />
      {a ? (
        <>
          <p className="muted">
            <Prefecture code={a.prefecture} /> · {t('adoption.asOf')} <Instant value={a.asOf} />
          </p>
          <FiguresRow title={t('adoption.totals')} f={a.totals} />
          <section
            className="chart-section"
            aria-labelledby="adoption-chart-title"
            data-testid="adoption-chart"
          >
            <h2 id="adoption-chart-title">{t('adoption.chart')}</h2>
            <figure className="chart" aria-label={t('adoption.chart')}>
              <ResponsiveContainer width="100%" height={320}>
                <BarChart data={chart} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid stroke="#d9dde3" strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={{ fill: '#3b4350', fontSize: 12 }} />
                  <YAxis allowDecimals={false} tick={{ fill: '#3b4350', fontSize: 12 }} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="registered" name={t('adoption.registered')} fill="#9db8d9" />
                  <Bar dataKey="licensed" name={t('adoption.licensed')} fill="#1f5fa8" />
                  <Bar dataKey="active30" name={t('adoption.active30')} fill="#2e7d4f" />
                </BarChart>
              </ResponsiveContainer>
            </figure>
          </section>
          <AdoptionTable
            title={t('adoption.byPrefecture')}
            testId="adoption-prefectures"
            rows={a.prefectures.map((p) => ({
              key: p.prefecture,
              label: <Prefecture code={p.prefecture} />,
              f: p,
            }))}
          />
          <AdoptionTable
            title={t('adoption.byDistrict')}
            testId="adoption-districts"
            rows={a.districts.map((d) => ({
              key: `${d.prefecture}-${d.district}`,
              label: (
                <>
                  <Prefecture code={d.prefecture} /> <Mono>{d.district}</Mono>
                </>
              ),
              f: d,
            }))}
          />
        </>
      ) : null}
    </Page>
  );
}

function FiguresRow({ title, f }: { title: string; f: Figures }) {
  const { t } = useTranslation();
  return (
    <section aria-label={title} className="cards" data-testid="adoption-totals">
      {(['registered', 'licensed', 'active30', 'active90'] as const).map((k) => (
        <div key={k} className="card">
          <h2>{t(`adoption.${k}`)}</h2>
          <p className="figure">
            <Count value={f[k]} />
          </p>
        </div>
      ))}
    </section>
  );
}

function rate(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

function AdoptionTable({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { key: string; label: ReactNode; f: Figures }[];
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <DataTable
        testId={testId}
        empty={rows.length === 0}
        columns={[
          title,
          t('adoption.registered'),
          t('adoption.licensed'),
          t('adoption.licensedRate'),
          t('adoption.active30'),
          t('adoption.active90'),
        ]}
      >
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">
              <Count value={r.f.registered} />
            </td>
            <td className="num">
              <Count value={r.f.licensed} />
            </td>
            <td className="num">{rate(r.f.licensed, r.f.registered)}</td>
            <td className="num">
              <Count value={r.f.active30} />
            </td>
            <td className="num">
              <Count value={r.f.active90} />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
