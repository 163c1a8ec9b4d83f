import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Field, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { Page } from '../components/Page';
import { PrefectureSelect } from '../components/PrefectureSelect';
import { Count, Day, Instant, Mono, Prefecture, Yen } from '../components/Values';
import { useLang } from '../i18n';
import { formatMonth, tokyoFiscalYear, tokyoMonth } from '../lib/format';
import { useLoad } from '../lib/hooks';
import { useSignedIn } from '../session/session';

const LINES_PER_PAGE = 100;

/** A month's statement for one prefecture (deduction vs invoice, free passes), its CSV, and the fiscal year. */
export function BillingPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const now = new Date();
  const month = params.get('month') || tokyoMonth(now);
  const fiscalYear = Number(params.get('fy')) || tokyoFiscalYear(now);
  const prefecture = operator.prefecture ?? params.get('prefecture') ?? '';
  return (
    <Page title={t('billing.title')}>
      <BillingFilters
        key={params.toString()}
        month={month}
        fiscalYear={fiscalYear}
        fixed={operator.prefecture}
      />
      {prefecture ? (
        <>
          <Statement prefecture={prefecture} month={month} />
          <Annual prefecture={prefecture} fiscalYear={fiscalYear} />
        </>
      ) : (
        <p className="alert alert-info" data-testid="billing-choose-prefecture">
          {t('billing.choosePrefecture')}
        </p>
      )}
    </Page>
  );
}

function BillingFilters({
  month,
  fiscalYear,
  fixed,
}: {
  month: string;
  fiscalYear: number;
  fixed: string | null;
}) {
  const { t } = useTranslation();
  const filters = useQueryFilters(['prefecture', 'month', 'fy'] as const, {
    initial: { month, fy: String(fiscalYear) },
    // A fixed prefecture is the operator's, not the query string's; a new choice starts at the first page.
    toQuery: (f) => ({ ...f, prefecture: fixed ? undefined : f.prefecture, page: undefined }),
  });
  const f = filters.values;
  return (
    <FilterForm onApply={filters.apply} testId="billing-filters" applyLabel={t('common.show')}>
      <Field id="billing-prefecture" label={t('common.prefecture')}>
        <PrefectureSelect
          id="billing-prefecture"
          value={f.prefecture}
          fixed={fixed}
          allowAll={false}
          required
          onChange={filters.set('prefecture')}
        />
      </Field>
      <InputField
        id="billing-month"
        label={t('billing.month')}
        type="month"
        required
        value={f.month}
        onValue={filters.set('month')}
        data-testid="billing-month"
      />
      <InputField
        id="billing-fy"
        label={t('billing.fiscalYear')}
        type="number"
        min={2000}
        max={2100}
        required
        className="short"
        value={f.fy}
        onValue={filters.set('fy')}
      />
    </FilterForm>
  );
}

/** The CSV of the statement: the same endpoint, format=csv, UTF-8 (with BOM) or MS932 for older spreadsheets. */
function csvHref(prefecture: string, month: string, encoding: 'utf8' | 'ms932'): string {
  const q = new URLSearchParams({ prefecture, month, format: 'csv', encoding });
  return `/ops/v1/billing/statements?${q.toString()}`;
}

function Totals({ totals }: { totals: Schemas['StatementTotalsDto'] }) {
  const { t } = useTranslation();
  return (
    <div className="cards" data-testid="billing-totals">
      <section className="card" aria-labelledby="totals-all">
        <h3 id="totals-all">{t('billing.total')}</h3>
        <p className="figure">
          <Yen value={totals.amountYen} />
        </p>
        <p className="muted">
          {t('billing.lines')} <Count value={totals.lines} /> · {t('billing.billed')}{' '}
          <Count value={totals.billed} /> · {t('billing.exempted')} <Count value={totals.exempted} />
        </p>
      </section>
      {(['deduction', 'invoice'] as const).map((m) => (
        <section key={m} className="card" aria-labelledby={`totals-${m}`} data-testid={`billing-total-${m}`}>
          <h3 id={`totals-${m}`}>{t(`billing.methods.${m}`)}</h3>
          <p className="figure">
            <Yen value={totals.byMethod[m].amountYen} />
          </p>
          <p className="muted">
            {t('billing.lines')} <Count value={totals.byMethod[m].count} />
          </p>
        </section>
      ))}
    </div>
  );
}

function Statement({ prefecture, month }: { prefecture: string; month: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const statement = useLoad(`${prefecture}|${month}`, async () => {
    const s = await unwrap(
      api.GET('/ops/v1/billing/statements', { params: { query: { prefecture, month } } }),
    );
    // Without format=csv the answer is the JSON statement; the CSV is only ever downloaded (the links below).
    if (typeof s === 'string') throw new Error('billing: a CSV answer where JSON was asked for');
    return s;
  });
  const s = statement.data;
  const pages = s ? Math.max(1, Math.ceil(s.lines.length / LINES_PER_PAGE)) : 1;
  const pageNo = Math.min(pages, Math.max(1, Number(params.get('page')) || 1));
  const lines = s ? s.lines.slice((pageNo - 1) * LINES_PER_PAGE, pageNo * LINES_PER_PAGE) : [];
  const goTo = (n: number) => {
    const out = new URLSearchParams(params);
    if (n <= 1) out.delete('page');
    else out.set('page', String(n));
    setParams(out);
  };
  return (
    <section className="panel" aria-labelledby="statement-title" data-testid="billing-statement">
      <h2 id="statement-title">
        {t('billing.statement')} — <Prefecture code={prefecture} /> · {formatMonth(month, lang)}
      </h2>
      <Loading when={statement.loading} />
      <ProblemAlert problem={statement.problem} />
      {s ? (
        <>
          <p className="muted">
            {t('billing.revision', { revision: s.revision })} · {t('billing.generatedAt')}{' '}
            <Instant value={s.generatedAt} /> · SHA-256 <Mono>{s.contentHash.slice(0, 16)}</Mono>…
          </p>
          <Totals totals={s.totals} />
          <p className="downloads">
            <a href={csvHref(prefecture, month, 'utf8')} download data-testid="billing-csv-utf8">
              {t('billing.csvUtf8')}
            </a>
            <a href={csvHref(prefecture, month, 'ms932')} download data-testid="billing-csv-ms932">
              {t('billing.csvMs932')}
            </a>
          </p>
          <DataTable
            testId="billing-lines"
            columns={[
              t('offices.number'),
              t('offices.name'),
              t('license.termNo'),
              t('license.period'),
              t('license.billingMethod'),
              t('billing.amount'),
              t('billing.exemption'),
            ]}
            caption={t('billing.statement')}
            empty={s.lines.length === 0}
          >
            {lines.map((l) => (
              <tr key={`${l.officeNumber}-${l.termNo}`}>
                <td>
                  <Mono>{l.officeNumber}</Mono>
                </td>
                <td>{l.officeName}</td>
                <td className="num">{l.termNo}</td>
                <td>
                  <Day value={l.termStart} /> – <Day value={l.termEnd} />
                </td>
                <td>{t(`billing.methods.${l.billingMethod}`)}</td>
                <td className="num">
                  <Yen value={l.amountYen} />
                </td>
                <td>
                  {l.exemptionReason ? (
                    <span className="badge badge-ok" title={l.campaignCode ?? undefined}>
                      {l.exemptionReason[lang]}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {pages > 1 ? (
            <nav className="pager" aria-label={t('pager.label')} data-testid="billing-pager">
              <button
                type="button"
                className="button-secondary"
                disabled={pageNo <= 1}
                onClick={() => goTo(pageNo - 1)}
              >
                {t('pager.previous')}
              </button>
              <span>{t('pager.pageOf', { page: pageNo, pages })}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={pageNo >= pages}
                onClick={() => goTo(pageNo + 1)}
              >
                {t('pager.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Annual({ prefecture, fiscalYear }: { prefecture: string; fiscalYear: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const annual = useLoad(`${prefecture}|${fiscalYear}`, () =>
    unwrap(api.GET('/ops/v1/billing/annual', { params: { query: { prefecture, fiscalYear } } })),
  );
  const a = annual.data;
  return (
    <section className="panel" aria-labelledby="annual-title" data-testid="billing-annual">
      <h2 id="annual-title">{t('billing.annual', { year: fiscalYear })}</h2>
      <Loading when={annual.loading} />
      <ProblemAlert problem={annual.problem} />
      {a ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('billing.month')}</th>
              <th scope="col">{t('billing.lines')}</th>
              <th scope="col">{t('billing.exempted')}</th>
              <th scope="col">{t('billing.methods.deduction')}</th>
              <th scope="col">{t('billing.methods.invoice')}</th>
              <th scope="col">{t('billing.total')}</th>
            </tr>
          </thead>
          <tbody>
            {a.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{formatMonth(m.month, lang)}</th>
                <td className="num">
                  <Count value={m.lines} />
                </td>
                <td className="num">
                  <Count value={m.exempted} />
                </td>
                <td className="num">
                  <Yen value={m.byMethod.deduction.amountYen} />
                </td>
                <td className="num">
                  <Yen value={m.byMethod.invoice.amountYen} />
                </td>
                <td className="num">
                  <Yen value={m.amountYen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('billing.total')}</th>
              <td className="num">
                <Count value={a.totals.lines} />
              </td>
              <td className="num">
                <Count value={a.totals.exempted} />
              </td>
              <td className="num">
                <Yen value={a.totals.byMethod.deduction.amountYen} />
              </td>
              <td className="num">
                <Yen value={a.totals.byMethod.invoice.amountYen} />
              </td>
              <td className="num">
                <Yen value={a.totals.amountYen} />
              </td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </section>
  );
}
