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
import { scanFiltered, tokyoDayStart } from '../lib/scan';

type Entry = Schemas['AuditEntryDto'];
const FILTERS = ['operator', 'action', 'office', 'from', 'to'] as const;
const SCAN_PAGE = 200;
const SCAN_MAX_PAGES = 10;
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

/**
 * Operators' changes, newest first. GET /ops/v1/audit pages but does not filter, so with a filter set the console
 * reads pages (of 200, at most 10 per view) and shows the matching entries; paging resumes where that stopped.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = readPage(params);
  const f = readFilters(params, FILTERS);
  const filtered = FILTERS.some((k) => f[k] !== '');
  const audit = useLoad(params.toString(), () => {
    const fetchPage = (cursor: string | undefined, limit: number) =>
      unwrap(api.GET('/ops/v1/audit', { params: { query: { cursor, limit } } }));
    if (!filtered)
      return fetchPage(page.cursor, page.limit).then((p) => ({
        ...p,
        scanned: p.items.length,
        truncated: false,
      }));
    const from = f.from ? tokyoDayStart(f.from) : null;
    const to = f.to ? tokyoDayStart(f.to, true) : null;
    const operator = f.operator.toLowerCase();
    const match = (e: Entry) => {
      const at = Date.parse(e.at);
      return (
        (!operator || e.operatorName.toLowerCase().includes(operator)) &&
        (!f.action || e.action.startsWith(f.action)) &&
        (!f.office || e.target === f.office.toUpperCase()) &&
        (to === null || at < to)
      );
    };
    return scanFiltered((cursor) => fetchPage(cursor, SCAN_PAGE), {
      cursor: page.cursor,
      want: page.limit,
      match,
      beyond: from === null ? undefined : (e) => Date.parse(e.at) < from,
      maxPages: SCAN_MAX_PAGES,
    });
  });
  const items = audit.data?.items ?? [];
  return (
    <Page title={t('audit.title')}>
      <AuditFilters key={params.toString()} />
      <ProblemAlert problem={audit.problem} />
      <Loading when={audit.loading} />
      {filtered && audit.data && !audit.loading ? (
        <p className="hint" role="status" data-testid="audit-scan">
          {t(audit.data.truncated ? 'audit.scanTruncated' : 'audit.scanned', { count: audit.data.scanned })}
        </p>
      ) : null}
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
          value={f.operator}
          onChange={(e) => setF({ ...f, operator: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-action">{t('audit.action')}</label>
        <input
          id="audit-action"
          className="mono"
          list="audit-actions"
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
