import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { DateField, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { Instant, Mono, Prefecture } from '../components/Values';
import { useLoad } from '../lib/hooks';
import { readFilters, readPage } from '../lib/paging';

type Entry = Schemas['AuditEntryDto'];
const FILTERS = ['operator', 'action', 'office', 'from', 'to'] as const;
const KNOWN_ACTIONS = [
  'office.create',
  'office.update',
  'office.deactivate',
  'key.issue',
  'key.revoke',
  'license.apply',
  'license.update',
  'license.suspend',
  'license.resume',
  'license.end',
  'campaign.create',
  'dead-letters.replay',
  'kafka-dlq.replay',
  'operator.create',
  'operator.update',
  'operator.revoke',
  'operator.reset_second_factor',
  'console.sign_in',
  'console.sign_in_failed',
  'console.locked',
  'console.sign_out',
];

/** Operators' changes, newest first, filtered by the server (GET /ops/v1/audit) and cursor-paged. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = readPage(params);
  const f = readFilters(params, FILTERS);
  const query = {
    operator: f.operator || undefined,
    action: f.action || undefined,
    office: f.office ? f.office.toUpperCase() : undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    cursor: page.cursor,
    limit: page.limit,
  };
  const audit = useLoad(params.toString(), () => unwrap(api.GET('/ops/v1/audit', { params: { query } })));
  const items = audit.data?.items ?? [];
  return (
    <Page title={t('audit.title')}>
      <AuditFilters key={params.toString()} />
      <ProblemAlert problem={audit.problem} />
      <Loading when={audit.loading} />
      <DataTable
        testId="audit-table"
        columns={[
          t('audit.at'),
          t('audit.operator'),
          t('audit.action'),
          t('audit.target'),
          t('common.prefecture'),
          t('audit.details'),
        ]}
        caption={t('audit.title')}
        busy={audit.loading}
        empty={audit.data && items.length === 0}
      >
        {items.map((e) => (
          <tr key={e.id} data-testid={`audit-row-${e.id}`}>
            <td>
              <Instant value={e.at} />
            </td>
            <td>{e.operatorName}</td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>
              <Mono>{e.target}</Mono>
            </td>
            <td>{e.prefecture ? <Prefecture code={e.prefecture} /> : '—'}</td>
            <td>
              <Details details={e.details} />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager nextCursor={audit.data?.nextCursor} />
    </Page>
  );
}

function Details({ details }: { details: Entry['details'] }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <dl className="details">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function AuditFilters() {
  const { t } = useTranslation();
  const filters = useQueryFilters(FILTERS);
  const f = filters.values;
  return (
    <FilterForm onApply={filters.apply} testId="audit-filters" applyTestId="audit-filters-apply">
      <InputField
        id="audit-operator"
        label={t('audit.operator')}
        hint={t('audit.operatorHint')}
        maxLength={100}
        value={f.operator}
        onValue={filters.set('operator')}
      />
      <InputField
        id="audit-action"
        label={t('audit.action')}
        hint={t('audit.actionHint')}
        className="mono"
        list="audit-actions"
        maxLength={64}
        value={f.action}
        onValue={filters.set('action')}
      >
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </InputField>
      <InputField
        id="audit-office"
        label={t('audit.office')}
        className="mono"
        maxLength={10}
        value={f.office}
        onValue={filters.set('office')}
      />
      <DateField id="audit-from" label={t('audit.from')} value={f.from} onValue={filters.set('from')} />
      <DateField id="audit-to" label={t('audit.to')} value={f.to} onValue={filters.set('to')} />
    </FilterForm>
  );
}
