import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { OnceSecret } from '../components/CopyButton';
import { DataTable } from '../components/DataTable';
import { ActionFeedback, Loading, ProblemAlert } from '../components/Feedback';
import { DateField, Field, InputField } from '../components/Field';
import { SubmitButton } from '../components/FormPanel';
import { Page } from '../components/Page';
import { Count, Day, Instant, Mono, Prefecture, Yen } from '../components/Values';
import { useLang } from '../i18n';
import { tokyoDate } from '../lib/format';
import { useAction, useLoad } from '../lib/hooks';

type License = Schemas['LicenseDto'];
type Activity = Schemas['OfficeActivityDto'];

/** One office: its registration, license (and terms), API keys, webhook, directory listing and recent history. */
export function OfficeDetailPage() {
  const { t } = useTranslation();
  const { no = '' } = useParams();
  const office = useLoad(no, () => unwrap(api.GET('/ops/v1/offices/{no}', { params: { path: { no } } })));
  const o = office.data;
  return (
    <Page title={o ? `${o.name}` : t('office.title')}>
      <p className="breadcrumb">
        <Link to="/offices">{t('offices.title')}</Link> › <Mono testId="office-number">{no}</Mono>
      </p>
      <Loading when={office.loading} />
      <ProblemAlert problem={office.problem} />
      {o ? (
        <>
          <OfficeSummary o={o} onChanged={office.reload} />
          <LicenseSection no={no} />
          <KeysSection no={no} active={o.active} />
          <ActivitySections no={no} />
        </>
      ) : null}
    </Page>
  );
}

function OfficeSummary({ o, onChanged }: { o: Schemas['OfficeDto']; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [edit, setEdit] = useState({ name: o.name, kind: o.kind });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(
      () =>
        unwrap(api.PATCH('/ops/v1/offices/{no}', { params: { path: { no: o.officeNumber } }, body: edit })),
      () => t('office.saved'),
    );
    if (saved) onChanged();
  };
  const deactivate = async () => {
    if (!window.confirm(t('office.deactivateConfirm', { number: o.officeNumber }))) return;
    const done = await action.run(
      () => unwrap(api.POST('/ops/v1/offices/{no}/deactivate', { params: { path: { no: o.officeNumber } } })),
      () => t('office.deactivated'),
    );
    if (done) onChanged();
  };
  return (
    <section className="panel" aria-labelledby="office-summary-title" data-testid="office-summary">
      <h2 id="office-summary-title">{t('office.registration')}</h2>
      <dl className="facts">
        <dt>{t('offices.number')}</dt>
        <dd>
          <Mono>{o.officeNumber}</Mono>
        </dd>
        <dt>{t('common.prefecture')}</dt>
        <dd>
          <Prefecture code={o.prefecture} />
        </dd>
        <dt>{t('offices.district')}</dt>
        <dd>
          <Mono>{o.district}</Mono>
        </dd>
        <dt>{t('offices.state')}</dt>
        <dd data-testid="office-active" data-active={o.active}>
          {o.active ? t('offices.active') : t('offices.inactive')} ·{' '}
          {o.listed ? t('offices.listed') : t('offices.unlisted')}
        </dd>
        <dt>{t('offices.createdAt')}</dt>
        <dd>
          <Instant value={o.createdAt} />
        </dd>
        <dt>{t('office.updatedAt')}</dt>
        <dd>
          <Instant value={o.updatedAt} />
        </dd>
      </dl>
      <ActionFeedback action={action} />
      <form className="form inline" onSubmit={(e) => void save(e)} data-testid="office-edit-form">
        <InputField
          id="office-name"
          label={t('offices.name')}
          required
          maxLength={200}
          value={edit.name}
          onValue={(v) => setEdit({ ...edit, name: v })}
        />
        <InputField
          id="office-kind"
          label={t('offices.kind')}
          required
          maxLength={50}
          value={edit.kind}
          onValue={(v) => setEdit({ ...edit, kind: v })}
        />
        <button type="submit" disabled={action.busy}>
          {t('common.save')}
        </button>
      </form>
      {o.active ? (
        <p>
          <button
            type="button"
            className="button-danger"
            onClick={() => void deactivate()}
            data-testid="office-deactivate"
          >
            {t('office.deactivate')}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function LicenseSection({ no }: { no: string }) {
  const { t } = useTranslation();
  const license = useLoad(`license|${no}`, () =>
    unwrap(api.GET('/ops/v1/offices/{no}/license', { params: { path: { no } } })),
  );
  const none = license.problem?.code === 'LICENSE_NOT_FOUND';
  return (
    <section className="panel" aria-labelledby="license-title" data-testid="license-section">
      <h2 id="license-title">{t('license.title')}</h2>
      <Loading when={license.loading && !license.data} />
      {none ? (
        <p data-testid="license-none">{t('license.none')}</p>
      ) : (
        <ProblemAlert problem={license.problem} />
      )}
      {license.data && !license.problem ? <LicenseView l={license.data} onChanged={license.reload} /> : null}
      {none || (license.data?.status === 'ended' && !license.problem) ? (
        <ApplyLicense no={no} onApplied={license.reload} />
      ) : null}
    </section>
  );
}

export function LicenseState({ l }: { l: Pick<License, 'state'> }) {
  const { t } = useTranslation();
  const cls = l.state === 'active' ? 'badge-ok' : l.state === 'suspended' ? 'badge-warn' : 'badge-muted';
  return (
    <span className={`badge ${cls}`} data-testid="license-state" data-state={l.state}>
      {t(`license.states.${l.state}`)}
    </span>
  );
}

function LicenseView({ l, onChanged }: { l: License; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const path = { params: { path: { no: l.officeNumber } } };
  const act = async (kind: 'suspend' | 'resume' | 'end') => {
    if (kind === 'end' && !window.confirm(t('license.endConfirm', { number: l.officeNumber }))) return;
    const call =
      kind === 'suspend'
        ? api.POST('/ops/v1/offices/{no}/license/suspend', path)
        : kind === 'resume'
          ? api.POST('/ops/v1/offices/{no}/license/resume', path)
          : api.POST('/ops/v1/offices/{no}/license/end', path);
    const done = await action.run(
      () => unwrap(call),
      () => t(`license.done.${kind}`),
    );
    if (done) onChanged();
  };
  const update = async (body: Schemas['UpdateLicenseDto']) => {
    const done = await action.run(
      () => unwrap(api.PATCH('/ops/v1/offices/{no}/license', { ...path, body })),
      () => t('license.done.updated'),
    );
    if (done) onChanged();
  };
  return (
    <>
      <dl className="facts">
        <dt>{t('license.state')}</dt>
        <dd>
          <LicenseState l={l} />
          {l.status !== l.state ? <span className="muted"> ({t(`license.states.${l.status}`)})</span> : null}
        </dd>
        <dt>{t('license.connectedSince')}</dt>
        <dd>
          <Day value={l.connectedSince} />
        </dd>
        <dt>{t('license.validUntil')}</dt>
        <dd>
          <Day value={l.validUntil} />
        </dd>
        <dt>{t('license.termFee')}</dt>
        <dd>
          <Yen value={l.termFeeYen} /> <span className="muted">({t('license.monthly')}</span>{' '}
          <Yen value={l.monthlyReferenceYen} />
          <span className="muted">)</span>
        </dd>
      </dl>
      <ActionFeedback action={action} />
      <div className="actions">
        {l.status === 'active' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={action.busy}
            onClick={() => void act('suspend')}
            data-testid="license-suspend"
          >
            {t('license.suspend')}
          </button>
        ) : null}
        {l.status === 'suspended' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={action.busy}
            onClick={() => void act('resume')}
            data-testid="license-resume"
          >
            {t('license.resume')}
          </button>
        ) : null}
        {l.status !== 'ended' ? (
          <button
            type="button"
            className="button-danger"
            disabled={action.busy}
            onClick={() => void act('end')}
            data-testid="license-end"
          >
            {t('license.end')}
          </button>
        ) : null}
      </div>
      {l.status !== 'ended' ? (
        <div className="form inline">
          <Field id="license-billing" label={t('license.billingMethod')}>
            <select
              id="license-billing"
              value={l.billingMethod}
              disabled={action.busy}
              onChange={(e) => void update({ billingMethod: e.target.value as License['billingMethod'] })}
              data-testid="license-billing"
            >
              <option value="deduction">{t('billing.methods.deduction')}</option>
              <option value="invoice">{t('billing.methods.invoice')}</option>
            </select>
          </Field>
          <div className="field checkbox">
            <input
              id="license-auto-renew"
              type="checkbox"
              checked={l.autoRenew}
              disabled={action.busy}
              onChange={(e) => void update({ autoRenew: e.target.checked })}
              data-testid="license-auto-renew"
            />
            <label htmlFor="license-auto-renew">{t('license.autoRenew')}</label>
          </div>
        </div>
      ) : null}
      <h3>{t('license.terms')}</h3>
      <DataTable
        testId="license-terms"
        columns={[
          t('license.termNo'),
          t('license.applicationDate'),
          t('license.period'),
          t('license.fee'),
          t('license.billingMethod'),
          t('license.campaign'),
        ]}
      >
        {l.terms.map((term) => (
          <tr key={term.termNo}>
            <td className="num">{term.termNo}</td>
            <td>
              <Day value={term.applicationDate} />
            </td>
            <td>
              <Day value={term.startDate} /> – <Day value={term.endDate} />
            </td>
            <td className="num">
              <Yen value={term.feeYen} />
            </td>
            <td>{t(`billing.methods.${term.billingMethod}`)}</td>
            <td>
              {term.campaignCode ? <Mono>{term.campaignCode}</Mono> : '—'}
              {term.freeUntil ? (
                <span className="muted">
                  {' '}
                  {t('license.freeUntil')} <Day value={term.freeUntil} />
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="hint">{t('license.taxIncluded')}</p>
    </>
  );
}

function ApplyLicense({ no, onApplied }: { no: string; onApplied: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const action = useAction();
  const campaigns = useLoad('campaigns', () => unwrap(api.GET('/ops/v1/campaigns')));
  const today = tokyoDate(new Date());
  const [form, setForm] = useState<Schemas['ApplyLicenseDto']>({
    startDate: today,
    applicationDate: today,
    billingMethod: 'deduction',
    autoRenew: true,
    campaign: '',
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { ...form, campaign: form.campaign || undefined };
    const done = await action.run(
      () => unwrap(api.POST('/ops/v1/offices/{no}/license', { params: { path: { no } }, body })),
      () => t('license.done.applied'),
    );
    if (done) onApplied();
  };
  return (
    <>
      <h3>{t('license.apply')}</h3>
      <ActionFeedback action={action} />
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="license-apply-form">
        <DateField
          id="apply-application"
          label={t('license.applicationDate')}
          required
          value={form.applicationDate}
          onValue={(v) => setForm({ ...form, applicationDate: v })}
        />
        <DateField
          id="apply-start"
          label={t('license.startDate')}
          required
          value={form.startDate}
          onValue={(v) => setForm({ ...form, startDate: v })}
        />
        <Field id="apply-billing" label={t('license.billingMethod')}>
          <select
            id="apply-billing"
            value={form.billingMethod}
            onChange={(e) => setForm({ ...form, billingMethod: e.target.value as License['billingMethod'] })}
          >
            <option value="deduction">{t('billing.methods.deduction')}</option>
            <option value="invoice">{t('billing.methods.invoice')}</option>
          </select>
        </Field>
        <Field id="apply-campaign" label={t('license.campaign')}>
          <select
            id="apply-campaign"
            value={form.campaign}
            onChange={(e) => setForm({ ...form, campaign: e.target.value })}
          >
            <option value="">{t('license.campaignAuto')}</option>
            <option value="none">{t('license.campaignNone')}</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {lang === 'ja' ? c.nameJa : c.nameEn}
              </option>
            ))}
          </select>
        </Field>
        <div className="field checkbox">
          <input
            id="apply-auto-renew"
            type="checkbox"
            checked={form.autoRenew}
            onChange={(e) => setForm({ ...form, autoRenew: e.target.checked })}
          />
          <label htmlFor="apply-auto-renew">{t('license.autoRenew')}</label>
        </div>
        <SubmitButton busy={action.busy} testId="license-apply-submit">
          {t('license.applySubmit')}
        </SubmitButton>
      </form>
    </>
  );
}

function KeysSection({ no, active }: { no: string; active: boolean }) {
  const { t } = useTranslation();
  const keys = useLoad(`keys|${no}`, () =>
    unwrap(api.GET('/ops/v1/offices/{no}/keys', { params: { path: { no } } })),
  );
  const action = useAction();
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<Schemas['IssuedOfficeKeyDto'] | null>(null);
  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    const key = await action.run(
      () =>
        unwrap(
          api.POST('/ops/v1/offices/{no}/keys', { params: { path: { no } }, body: label ? { label } : {} }),
        ),
      (k) => t('keys.issued', { prefix: k.keyPrefix }),
    );
    if (key) {
      setIssued(key);
      setLabel('');
      keys.reload();
    }
  };
  const revoke = async (k: Schemas['OfficeKeyDto']) => {
    if (!window.confirm(t('keys.revokeConfirm', { prefix: k.keyPrefix }))) return;
    const done = await action.run(
      () =>
        unwrap(
          api.POST('/ops/v1/offices/{no}/keys/{keyId}/revoke', { params: { path: { no, keyId: k.id } } }),
        ),
      () => t('keys.revoked', { prefix: k.keyPrefix }),
    );
    if (done) {
      if (issued?.id === k.id) setIssued(null);
      keys.reload();
    }
  };
  return (
    <section className="panel" aria-labelledby="keys-title" data-testid="keys-section">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <ProblemAlert problem={keys.problem} />
      <ActionFeedback action={action} />
      {issued ? <OnceSecret label={t('keys.secret')} value={issued.apiKey} testId="api-key-secret" /> : null}
      <DataTable
        testId="keys-table"
        columns={[
          t('keys.prefix'),
          t('keys.label'),
          t('keys.createdAt'),
          t('keys.lastUsedAt'),
          t('keys.state'),
          <span className="visually-hidden">{t('common.actions')}</span>,
        ]}
        empty={keys.data && keys.data.length === 0}
        emptyText={t('keys.none')}
      >
        {(keys.data ?? []).map((k) => (
          <tr key={k.id} data-testid={`key-row-${k.id}`}>
            <td>
              <Mono>{k.keyPrefix}</Mono>
            </td>
            <td>{k.label || '—'}</td>
            <td>
              <Instant value={k.createdAt} />
            </td>
            <td>
              <Instant value={k.lastUsedAt} />
            </td>
            <td>
              {k.revokedAt ? (
                <>
                  {t('keys.revokedAt')} <Instant value={k.revokedAt} />
                </>
              ) : (
                <span className="badge badge-ok">{t('keys.active')}</span>
              )}
            </td>
            <td>
              {k.revokedAt ? null : (
                <button
                  type="button"
                  className="button-danger small"
                  disabled={action.busy}
                  onClick={() => void revoke(k)}
                  aria-label={t('keys.revokeLabel', { prefix: k.keyPrefix })}
                  data-testid={`key-revoke-${k.id}`}
                >
                  {t('keys.revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {active ? (
        <form className="form inline" onSubmit={(e) => void issue(e)} data-testid="key-issue-form">
          <InputField
            id="key-label"
            label={t('keys.label')}
            hint={t('keys.labelHint')}
            maxLength={200}
            value={label}
            onValue={setLabel}
          />
          <button type="submit" disabled={action.busy} data-testid="key-issue-submit">
            {t('keys.issue')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** GET /ops/v1/offices/:no/activity: one request for the three panels below the keys. */
function ActivitySections({ no }: { no: string }) {
  const activity = useLoad(`activity|${no}`, () =>
    unwrap(api.GET('/ops/v1/offices/{no}/activity', { params: { path: { no } } })),
  );
  const a = activity.data;
  return (
    <>
      <ProblemAlert problem={activity.problem} />
      <WebhookSection webhook={a?.webhook} loading={activity.loading} />
      <DirectorySection directory={a?.directory} loading={activity.loading} />
      <HistorySection a={a} loading={activity.loading} />
    </>
  );
}

function WebhookSection({
  webhook,
  loading,
}: {
  webhook: Activity['webhook'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const last = webhook?.lastDelivery;
  return (
    <section
      className="panel"
      aria-labelledby="webhook-title"
      data-testid="office-webhook"
      aria-busy={loading}
    >
      <h2 id="webhook-title">{t('office.webhookTitle')}</h2>
      <Loading when={loading} />
      {webhook === null ? (
        <p className="muted" role="status" data-testid="office-webhook-unavailable">
          {t('office.webhookRouterAway')}
        </p>
      ) : null}
      {webhook ? (
        <dl className="facts">
          <dt>{t('office.webhookState')}</dt>
          <dd data-testid="office-webhook-configured" data-configured={webhook.configured}>
            <span className={`badge ${webhook.configured ? 'badge-ok' : 'badge-muted'}`}>
              {webhook.configured ? t('office.webhookConfigured') : t('office.webhookNotConfigured')}
            </span>
          </dd>
          <dt>{t('office.webhookHost')}</dt>
          <dd>
            <Mono testId="office-webhook-host">{webhook.host}</Mono>
          </dd>
          <dt>{t('office.webhookConfiguredAt')}</dt>
          <dd>
            <Instant value={webhook.configuredAt} />
          </dd>
          <dt>{t('office.webhookLast')}</dt>
          <dd data-testid="office-webhook-last" data-status={last?.status ?? 'none'}>
            {last ? (
              <>
                <span className={`badge ${last.status === 'delivered' ? 'badge-ok' : 'badge-bad'}`}>
                  {last.status === 'delivered' ? t('office.webhookDelivered') : t('office.webhookFailed')}
                </span>{' '}
                <Instant value={last.at} />
                {last.error ? <span className="mono"> {last.error}</span> : null}
              </>
            ) : (
              t('office.webhookNoDelivery')
            )}
          </dd>
          <dt>{t('office.webhookDeadLetters')}</dt>
          <dd data-testid="office-webhook-dead-letters">
            <Count value={webhook.deadLetters} />
            {webhook.deadLetters > 0 ? (
              <>
                {' '}
                <Link to="/dead-letters">{t('office.webhookDeadLettersLink')}</Link>
              </>
            ) : null}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}

function DirectorySection({
  directory,
  loading,
}: {
  directory: Activity['directory'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const yesNo = (v: boolean) => (v ? t('office.yes') : t('office.no'));
  return (
    <section
      className="panel"
      aria-labelledby="directory-title"
      data-testid="office-directory"
      aria-busy={loading}
    >
      <h2 id="directory-title">{t('office.directoryTitle')}</h2>
      <Loading when={loading} />
      {directory ? (
        <>
          <p data-testid="office-directory-searchable" data-searchable={directory.searchable}>
            <span className={`badge ${directory.searchable ? 'badge-ok' : 'badge-muted'}`}>
              {directory.searchable ? t('office.directorySearchable') : t('office.directoryNotSearchable')}
            </span>
          </p>
          <dl className="facts">
            <dt>{t('office.directoryListed')}</dt>
            <dd data-testid="office-directory-listed">{yesNo(directory.listed)}</dd>
            <dt>{t('office.directoryConnected')}</dt>
            <dd data-testid="office-directory-connected">{yesNo(directory.connected)}</dd>
            <dt>{t('license.connectedSince')}</dt>
            <dd>
              <Day value={directory.connectedSince} />
            </dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}

function HistorySection({ a, loading }: { a: Activity | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const rows = a?.history ?? [];
  return (
    <section
      className="panel"
      aria-labelledby="history-title"
      data-testid="office-history"
      aria-busy={loading}
    >
      <h2 id="history-title">{t('office.historyTitle')}</h2>
      <Loading when={loading} />
      <DataTable
        testId="office-history-table"
        columns={[
          t('office.historyAt'),
          t('office.historyEvent'),
          t('office.historyCounterpart'),
          t('office.historyFiles'),
          t('office.historySubmission'),
        ]}
        caption={t('office.historyTitle')}
        empty={a && rows.length === 0}
        emptyText={t('office.historyNone')}
      >
        {rows.map((h) => (
          <tr key={h.id} data-testid={`office-history-row-${h.id}`}>
            <td>
              <Instant value={h.occurredAt} />
            </td>
            <td>
              <span data-event={h.event}>{eventLabel(t, h.event)}</span>{' '}
              <span className="muted">({t(`office.roles.${h.role}`)})</span>
            </td>
            <td>
              <Mono>{h.counterpartOfficeNumber}</Mono>
            </td>
            <td>{h.files.length === 0 ? '—' : h.files.map((f) => f.name).join(', ')}</td>
            <td>
              <Mono>{h.submissionId}</Mono>
            </td>
          </tr>
        ))}
      </DataTable>
      {a?.moreHistory ? (
        <p className="hint" data-testid="office-history-more">
          {t('office.historyMore', { count: rows.length })}
        </p>
      ) : null}
    </section>
  );
}

const EVENTS = [
  'sent',
  'validated',
  'rejected',
  'delivered',
  'received',
  'downloaded',
  'acknowledged',
] as const;

/** A history event in words; one this console does not know yet shows as its code. */
function eventLabel(t: ReturnType<typeof useTranslation>['t'], event: string): string {
  return (EVENTS as readonly string[]).includes(event)
    ? t(`office.events.${event as (typeof EVENTS)[number]}`)
    : event;
}
