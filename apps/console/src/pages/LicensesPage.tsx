import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, problemFrom, unwrap, type Schemas, type ShownProblem } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Field } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { PrefectureSelect } from '../components/PrefectureSelect';
import { Day, Mono, Yen } from '../components/Values';
import { useLang } from '../i18n';
import { useLoad } from '../lib/hooks';
import { readFilters, readPage } from '../lib/paging';
import { useSignedIn } from '../session/session';
import { LicenseState } from './OfficeDetailPage';

// A license read per office: a smaller page by default.
const LICENSES_PAGE = 20;

type Row = {
  office: Schemas['OfficeDto'];
  license: Schemas['LicenseDto'] | null;
  problem: ShownProblem | null;
};

/**
 * License terms per office: a page of offices (the API has no list of licenses), each with its license. The
 * office page changes them.
 */
export function LicensesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const page = readPage(params, LICENSES_PAGE);
  const f = readFilters(params, ['prefecture'] as const);
  const prefecture = operator.prefecture ?? (f.prefecture || undefined);
  const rows = useLoad(params.toString(), async () => {
    const offices = await unwrap(
      api.GET('/ops/v1/offices', {
        params: { query: { prefecture, cursor: page.cursor, limit: page.limit } },
      }),
    );
    const items: Row[] = await Promise.all(
      offices.items.map(async (office) => {
        try {
          const license = await unwrap(
            api.GET('/ops/v1/offices/{no}/license', { params: { path: { no: office.officeNumber } } }),
          );
          return { office, license, problem: null };
        } catch (e) {
          const p = problemFrom(e);
          return { office, license: null, problem: p.code === 'LICENSE_NOT_FOUND' ? null : p };
        }
      }),
    );
    return { items, nextCursor: offices.nextCursor };
  });
  return (
    <Page title={t('licenses.title')} intro={t('licenses.intro')}>
      <PrefectureFilter key={params.toString()} fixed={operator.prefecture} />
      <ProblemAlert problem={rows.problem} />
      <Loading when={rows.loading} />
      <DataTable
        testId="licenses-table"
        columns={[
          t('offices.number'),
          t('offices.name'),
          t('license.state'),
          t('license.validUntil'),
          t('license.billingMethod'),
          t('license.autoRenew'),
          t('license.termFee'),
          t('license.currentTerm'),
        ]}
        caption={t('licenses.title')}
        busy={rows.loading}
        empty={rows.data && rows.data.items.length === 0}
      >
        {(rows.data?.items ?? []).map(({ office, license, problem }) => {
          const last = license?.terms[license.terms.length - 1];
          return (
            <tr key={office.officeNumber} data-testid={`license-row-${office.officeNumber}`}>
              <td>
                <Link to={`/offices/${office.officeNumber}`}>
                  <Mono>{office.officeNumber}</Mono>
                </Link>
              </td>
              <td>{office.name}</td>
              {license ? (
                <>
                  <td>
                    <LicenseState l={license} />
                  </td>
                  <td>
                    <Day value={license.validUntil} />
                  </td>
                  <td>{t(`billing.methods.${license.billingMethod}`)}</td>
                  <td>{license.autoRenew ? t('common.yes') : t('common.no')}</td>
                  <td className="num">
                    <Yen value={license.termFeeYen} />
                  </td>
                  <td>
                    {last ? (
                      <>
                        {t('license.termN', { n: last.termNo })} <Day value={last.startDate} /> –{' '}
                        <Day value={last.endDate} />
                        {last.campaignCode ? (
                          <>
                            {' '}
                            <Mono>{last.campaignCode}</Mono>
                          </>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </>
              ) : (
                <td colSpan={6} className="muted">
                  {problem ? problem.message[lang] : t('license.none')}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
      <Pager nextCursor={rows.data?.nextCursor} defaultLimit={LICENSES_PAGE} />
    </Page>
  );
}

/** The prefecture filter alone (licenses, dead letters): central administrators pick, others see theirs. */
export function PrefectureFilter({
  fixed,
  testId = 'prefecture-filter',
}: {
  fixed: string | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const filters = useQueryFilters(['prefecture'] as const);
  if (fixed) return null;
  return (
    <FilterForm onApply={filters.apply} testId={testId}>
      <Field id={`${testId}-select`} label={t('common.prefecture')}>
        <PrefectureSelect
          id={`${testId}-select`}
          value={filters.values.prefecture}
          fixed={null}
          onChange={filters.set('prefecture')}
        />
      </Field>
    </FilterForm>
  );
}
