import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { Instant, Mono, Prefecture } from '../components/Values';
import { useLoad } from '../lib/hooks';
import { filterParams, readFilters, readPage } from '../lib/paging';

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
      <table data-testid="audit-table" aria-busy={audit.loading}>
        <caption className="visually-hidden">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.operator')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('common.prefecture')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
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
          {audit.data && items.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {t('common.noRows')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
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
  const [params, setParams] = useSearchParams();
  const [f, setF] = useState(readFilters(params, FILTERS));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(filterParams(params, f));
  };
  return (
    <form
      role="search"
      className="filters"
      onSubmit={submit}
      aria-label={t('common.filters')}
      data-testid="audit-filters"
    >
      <div className="field">
        <label htmlFor="audit-operator">{t('audit.operator')}</label>
        <input
          id="audit-operator"
          maxLength={100}
          aria-describedby="audit-operator-hint"
          value={f.operator}
          onChange={(e) => setF({ ...f, operator: e.target.value })}
        />
        <p className="hint" id="audit-operator-hint">
          {t('audit.operatorHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="audit-action">{t('audit.action')}</label>
        <input
          id="audit-action"
          className="mono"
          list="audit-actions"
          maxLength={64}
          aria-describedby="audit-action-hint"
          value={f.action}
          onChange={(e) => setF({ ...f, action: e.target.value })}
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <p className="hint" id="audit-action-hint">
          {t('audit.actionHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="audit-office">{t('audit.office')}</label>
        <input
          id="audit-office"
          className="mono"
          maxLength={10}
          value={f.office}
          onChange={(e) => setF({ ...f, office: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-from">{t('audit.from')}</label>
        <input
          id="audit-from"
          type="date"
          value={f.from}
          onChange={(e) => setF({ ...f, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-to">{t('audit.to')}</label>
        <input id="audit-to" type="date" value={f.to} onChange={(e) => setF({ ...f, to: e.target.value })} />
      </div>
      <button type="submit" data-testid="audit-filters-apply">
        {t('common.apply')}
      </button>
    </form>
  );
}
