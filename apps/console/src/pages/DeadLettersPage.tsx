import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { DataTable } from '../components/DataTable';
import { ActionFeedback, Loading, ProblemAlert } from '../components/Feedback';
import { InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
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

/** A page of replayable rows: their selection, and a replay that clears it and reloads the list once it worked. */
interface Replayable<B> {
  action: Action;
  sel: ReturnType<typeof useSelection>;
  /** The rows shown. */
  ids: string[];
  /** Those of them selected. */
  chosen: string[];
  replay: (body: B | { ids: string[] }) => Promise<void>;
}

function useReplayable<B>(
  ids: string[],
  post: (body: B | { ids: string[] }) => Promise<{ replayed: number }>,
  reload: () => void,
): Replayable<B> {
  const { t } = useTranslation();
  const action = useAction();
  const sel = useSelection();
  const replay = async (body: B | { ids: string[] }) => {
    const done = await action.run(
      () => post(body),
      (res) => t('deadLetters.replayed', { count: res.replayed }),
    );
    if (done) {
      sel.clear();
      reload();
    }
  };
  return { action, sel, ids, chosen: ids.filter((id) => sel.selected.has(id)), replay };
}

function SelectAll<B>({ r }: { r: Replayable<B> }) {
  const { t } = useTranslation();
  const all = r.ids.length > 0 && r.ids.every((id) => r.sel.selected.has(id));
  return (
    <input
      type="checkbox"
      aria-label={t('deadLetters.selectAll')}
      checked={all}
      disabled={r.ids.length === 0}
      onChange={(e) => r.sel.setAll(r.ids, e.target.checked)}
      data-testid="select-all"
    />
  );
}

/** A row's checkbox cell. */
function SelectCell<B>({ id, r }: { id: string; r: Replayable<B> }) {
  const { t } = useTranslation();
  return (
    <td>
      <input
        type="checkbox"
        aria-label={t('deadLetters.select', { id })}
        checked={r.sel.selected.has(id)}
        onChange={(e) => r.sel.toggle(id, e.target.checked)}
      />
    </td>
  );
}

/** A row's replay-this-one cell. */
function ReplayButton<B>({ id, r }: { id: string; r: Replayable<B> }) {
  const { t } = useTranslation();
  return (
    <td>
      <button
        type="button"
        className="button-secondary small"
        disabled={r.action.busy}
        onClick={() => void r.replay({ ids: [id] })}
        aria-label={t('deadLetters.replayOneLabel', { id })}
        data-testid={`replay-${id}`}
      >
        {t('deadLetters.replayOne')}
      </button>
    </td>
  );
}

function ReplayBar<B>({
  r,
  onAll,
  allLabel,
  children,
}: {
  r: Replayable<B>;
  onAll: () => void;
  allLabel: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { action } = r;
  const count = r.chosen.length;
  return (
    <div className="actions" role="group" aria-label={t('deadLetters.replay')}>
      <button
        type="button"
        disabled={action.busy || count === 0}
        onClick={() => void r.replay({ ids: r.chosen })}
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
  const r = useReplayable(
    (list.data?.items ?? []).map((d) => d.id),
    (body: { all: true; prefecture?: string } | { ids: string[] }) =>
      unwrap(api.POST('/ops/v1/dead-letters/replay', { body })),
    list.reload,
  );
  const replayAll = () => {
    const scope = prefecture ? { all: true as const, prefecture } : { all: true as const };
    if (
      window.confirm(t('deadLetters.replayAllConfirm', { scope: prefecture ?? t('common.allPrefectures') }))
    )
      void r.replay(scope);
  };
  return (
    <div data-testid="webhook-dead-letters">
      <PrefectureFilter key={params.toString()} fixed={operator.prefecture} testId="dead-letters-filter" />
      <ActionFeedback action={r.action} />
      <ProblemAlert problem={list.problem} />
      <Loading when={list.loading} />
      <ReplayBar
        r={r}
        onAll={replayAll}
        allLabel={prefecture ? t('deadLetters.replayAllOf', { prefecture }) : t('deadLetters.replayAll')}
      />
      <DataTable
        testId="webhook-dead-letters-table"
        columns={[
          <SelectAll r={r} />,
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
            <SelectCell id={d.id} r={r} />
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
            <ReplayButton id={d.id} r={r} />
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
  const [force, setForce] = useState(false);
  const r = useReplayable(
    (list.data?.items ?? []).map((m) => m.id),
    (body: { all: true } | { ids: string[] }) =>
      unwrap(api.POST('/ops/v1/dlq/replay', { body: { ...body, ...(force ? { force: true } : {}) } })),
    list.reload,
  );
  return (
    <div data-testid="kafka-dlq">
      <TopicFilter key={params.toString()} />
      <ActionFeedback action={r.action} />
      <ProblemAlert problem={list.problem} />
      <Loading when={list.loading} />
      <ReplayBar
        r={r}
        onAll={() => {
          if (window.confirm(t('deadLetters.replayAllKafkaConfirm'))) void r.replay({ all: true });
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
          <SelectAll r={r} />,
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
            <SelectCell id={m.id} r={r} />
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
            <ReplayButton id={m.id} r={r} />
          </tr>
        ))}
      </DataTable>
      <Pager nextCursor={list.data?.nextCursor} />
    </div>
  );
}
