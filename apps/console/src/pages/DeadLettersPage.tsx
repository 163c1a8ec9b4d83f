import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ActionFeedback, Loading, ProblemAlert } from '../components/Feedback';
import { InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { DataTable } from '../components/DataTable';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { Tabs } from '../components/Tabs';
import { Instant, Mono, Prefecture } from '../components/Values';
import { useAction, useLoad, type Action } from '../lib/hooks';
import { readPage } from '../lib/paging';
import { useSignedIn } from '../session/session';
import { PrefectureFilter } from './LicensesPage';

type Tab = 'webhook' | 'kafka';

/**
 * What could not be delivered: webhook dead letters (the router's, within the prefecture) and Kafka dead-letter
 * messages (central administrators), each replayed one, a selection, or all at once.
 */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { operator } = useSignedIn();
  const central = operator.role === 'central';
  const tab: Tab = central && params.get('tab') === 'kafka' ? 'kafka' : 'webhook';
  const tabs = [
    { key: 'webhook' as const, label: t('deadLetters.webhookTab') },
    ...(central ? [{ key: 'kafka' as const, label: t('deadLetters.kafkaTab') }] : []),
  ];
  return (
    <Page title={t('deadLetters.title')}>
      <Tabs
        label={t('deadLetters.title')}
        idPrefix="dead-letters"
        tabs={tabs}
        current={tab}
        onChange={(key) => setParams(new URLSearchParams({ tab: key }))}
      >
        {tab === 'webhook' ? <WebhookDeadLetters /> : <KafkaDlq />}
      </Tabs>
    </Page>
  );
}

/** Checkbox selection of rows; what is replayed is the selection on the page shown. */
function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setAll = (ids: string[], on: boolean) => setSelected(on ? new Set(ids) : new Set());
  return { selected, toggle, setAll, clear: () => setSelected(new Set()) };
}

function SelectAll({
  ids,
  selected,
  onChange,
  label,
}: {
  ids: string[];
  selected: ReadonlySet<string>;
  onChange: (on: boolean) => void;
  label: string;
}) {
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={all}
      disabled={ids.length === 0}
      onChange={(e) => onChange(e.target.checked)}
      data-testid="select-all"
    />
  );
}

function ReplayBar({
  action,
  count,
  onSelected,
  onAll,
  allLabel,
  children,
}: {
  action: Action;
  count: number;
  onSelected: () => void;
  onAll: () => void;
  allLabel: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions" role="group" aria-label={t('deadLetters.replay')}>
      <button
        type="button"
        disabled={action.busy || count === 0}
        onClick={onSelected}
        data-testid="replay-selected"
      >
        {t('deadLetters.replaySelected', { count })}
      </button>
      <button
        type="button"
        className="button-danger"
        disabled={action.busy}
        onClick={onAll}
        data-testid="replay-all"
      >
        {allLabel}
      </button>
      {children}
    </div>
  );
}

function WebhookDeadLetters() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const page = readPage(params);
  const prefecture = operator.prefecture ?? (params.get('prefecture') || undefined);
  const list = useLoad(params.toString(), () =>
    unwrap(
      api.GET('/ops/v1/dead-letters', {
        params: { query: { prefecture, cursor: page.cursor, limit: page.limit } },
      }),
    ),
  );
  const action = useAction();
  const sel = useSelection();
  const ids = (list.data?.items ?? []).map((d) => d.id);
  const chosen = ids.filter((id) => sel.selected.has(id));
  const replay = async (body: { ids: string[] } | { all: true; prefecture?: string }) => {
    const r = await action.run(
      () => unwrap(api.POST('/ops/v1/dead-letters/replay', { body })),
      (res) => t('deadLetters.replayed', { count: res.replayed }),
    );
    if (r) {
      sel.clear();
      list.reload();
    }
  };
  const replayAll = () => {
    const scope = prefecture ? { all: true as const, prefecture } : { all: true as const };
    if (
      window.confirm(t('deadLetters.replayAllConfirm', { scope: prefecture ?? t('common.allPrefectures') }))
    )
      void replay(scope);
  };
  return (
    <div data-testid="webhook-dead-letters">
      <PrefectureFilter key={params.toString()} fixed={operator.prefecture} testId="dead-letters-filter" />
      <ActionFeedback action={action} />
      <ProblemAlert problem={list.problem} />
      <Loading when={list.loading} />
      <ReplayBar
        action={action}
        count={chosen.length}
        onSelected={() => void replay({ ids: chosen })}
        onAll={replayAll}
        allLabel={prefecture ? t('deadLetters.replayAllOf', { prefecture }) : t('deadLetters.replayAll')}
      />
      <DataTable
        testId="webhook-dead-letters-table"
        columns={[
          <SelectAll
            ids={ids}
            selected={sel.selected}
            onChange={(on) => sel.setAll(ids, on)}
            label={t('deadLetters.selectAll')}
          />,
          t('offices.number'),
          t('deadLetters.event'),
          t('deadLetters.url'),
          t('deadLetters.attempts'),
          t('deadLetters.reason'),
          t('deadLetters.failedAt'),
          <span className="visually-hidden">{t('common.actions')}</span>,
        ]}
        caption={t('deadLetters.webhookTab')}
        busy={list.loading}
        empty={list.data && list.data.items.length === 0}
        emptyText={t('deadLetters.none')}
      >
        {(list.data?.items ?? []).map((d) => (
          <tr key={d.id} data-testid={`dead-letter-row-${d.id}`}>
            <td>
              <input
                type="checkbox"
                aria-label={t('deadLetters.select', { id: d.id })}
                checked={sel.selected.has(d.id)}
                onChange={(e) => sel.toggle(d.id, e.target.checked)}
              />
            </td>
            <td>
              <Mono>{d.officeNumber}</Mono>
              <span className="muted small">
                {' '}
                <Prefecture code={d.officeNumber.slice(0, 2)} />
              </span>
            </td>
            <td>
              <code>{d.event}</code>
              <div className="muted small">
                {t('deadLetters.submission')} <Mono>{d.submissionId}</Mono>
              </div>
            </td>
            <td className="break">{d.url}</td>
            <td className="num">{d.attempts}</td>
            <td className="reason" data-testid="dead-letter-reason">
              {d.lastError}
            </td>
            <td>
              <Instant value={d.failedAt} />
            </td>
            <td>
              <button
                type="button"
                className="button-secondary small"
                disabled={action.busy}
                onClick={() => void replay({ ids: [d.id] })}
                aria-label={t('deadLetters.replayOneLabel', { id: d.id })}
                data-testid={`replay-${d.id}`}
              >
                {t('deadLetters.replayOne')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager nextCursor={list.data?.nextCursor} />
    </div>
  );
}

function TopicFilter() {
  const { t } = useTranslation();
  const filters = useQueryFilters(['topic'] as const);
  return (
    <FilterForm onApply={filters.apply} testId="dlq-filter">
      <InputField
        id="dlq-topic"
        label={t('deadLetters.topic')}
        className="mono"
        placeholder="careplan.submission.received.v1"
        value={filters.values.topic}
        onValue={filters.set('topic')}
      />
    </FilterForm>
  );
}

function KafkaDlq() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = readPage(params);
  const topic = params.get('topic') || undefined;
  const list = useLoad(params.toString(), () =>
    unwrap(api.GET('/ops/v1/dlq', { params: { query: { topic, cursor: page.cursor, limit: page.limit } } })),
  );
  const action = useAction();
  const sel = useSelection();
  const [force, setForce] = useState(false);
  const ids = (list.data?.items ?? []).map((m) => m.id);
  const chosen = ids.filter((id) => sel.selected.has(id));
  const replay = async (body: { ids: string[] } | { all: true }) => {
    const r = await action.run(
      () => unwrap(api.POST('/ops/v1/dlq/replay', { body: { ...body, ...(force ? { force: true } : {}) } })),
      (res) => t('deadLetters.replayed', { count: res.replayed }),
    );
    if (r) {
      sel.clear();
      list.reload();
    }
  };
  return (
    <div data-testid="kafka-dlq">
      <TopicFilter key={params.toString()} />
      <ActionFeedback action={action} />
      <ProblemAlert problem={list.problem} />
      <Loading when={list.loading} />
      <ReplayBar
        action={action}
        count={chosen.length}
        onSelected={() => void replay({ ids: chosen })}
        onAll={() => {
          if (window.confirm(t('deadLetters.replayAllKafkaConfirm'))) void replay({ all: true });
        }}
        allLabel={t('deadLetters.replayAll')}
      >
        <span className="checkbox">
          <input
            id="dlq-force"
            type="checkbox"
            checked={force}
            onChange={(e) => setForce(e.target.checked)}
            data-testid="dlq-force"
          />
          <label htmlFor="dlq-force">{t('deadLetters.force')}</label>
        </span>
      </ReplayBar>
      <DataTable
        testId="kafka-dlq-table"
        columns={[
          <SelectAll
            ids={ids}
            selected={sel.selected}
            onChange={(on) => sel.setAll(ids, on)}
            label={t('deadLetters.selectAll')}
          />,
          t('deadLetters.message'),
          t('deadLetters.event'),
          t('deadLetters.consumer'),
          t('deadLetters.attempts'),
          t('deadLetters.reason'),
          t('deadLetters.failedAt'),
          t('deadLetters.replayedAt'),
          <span className="visually-hidden">{t('common.actions')}</span>,
        ]}
        caption={t('deadLetters.kafkaTab')}
        busy={list.loading}
        empty={list.data && list.data.items.length === 0}
        emptyText={t('deadLetters.none')}
      >
        {(list.data?.items ?? []).map((m) => (
          <tr key={m.id} data-testid={`dlq-row-${m.id}`}>
            <td>
              <input
                type="checkbox"
                aria-label={t('deadLetters.select', { id: m.id })}
                checked={sel.selected.has(m.id)}
                onChange={(e) => sel.toggle(m.id, e.target.checked)}
              />
            </td>
            <td>
              <Mono>{m.id}</Mono>
              <div className="muted small">
                <Mono>{m.originalTopic}</Mono>
              </div>
            </td>
            <td>
              <code>{m.eventType}</code>
              {m.submissionId ? (
                <div className="muted small">
                  {t('deadLetters.submission')} <Mono>{m.submissionId}</Mono>
                </div>
              ) : null}
            </td>
            <td>{m.consumer ?? '—'}</td>
            <td className="num">{m.attempts ?? '—'}</td>
            <td className="reason" data-testid="dlq-reason">
              {m.error ?? '—'}
            </td>
            <td>
              <Instant value={m.failedAt} />
            </td>
            <td>
              {m.replayedAt ? (
                <>
                  <Instant value={m.replayedAt} />
                  {m.replayedBy ? <span className="muted small"> {m.replayedBy}</span> : null}
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              <button
                type="button"
                className="button-secondary small"
                disabled={action.busy}
                onClick={() => void replay({ ids: [m.id] })}
                aria-label={t('deadLetters.replayOneLabel', { id: m.id })}
                data-testid={`replay-${m.id}`}
              >
                {t('deadLetters.replayOne')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pager nextCursor={list.data?.nextCursor} />
    </div>
  );
}
