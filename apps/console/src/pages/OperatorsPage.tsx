import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { OnceSecret } from '../components/CopyButton';
import { DataTable } from '../components/DataTable';
import { ActionFeedback, Loading, ProblemAlert } from '../components/Feedback';
import { Field, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { FormPanel, SubmitButton } from '../components/FormPanel';
import { Page } from '../components/Page';
import { PrefectureSelect } from '../components/PrefectureSelect';
import { Instant, Prefecture } from '../components/Values';
import { useAction, useLoad } from '../lib/hooks';
import { readFilters } from '../lib/paging';
import { useSignedIn } from '../session/session';

type Operator = Schemas['OperatorDto'];
type Role = Operator['role'];
const FILTERS = ['q', 'role', 'state'] as const;

/** Central administrators manage operators: create (a one-time set-up link), change scope, reset, revoke. */
export function OperatorsPage() {
  const { t } = useTranslation();
  const { operator: me } = useSignedIn();
  if (me.role !== 'central')
    return (
      <Page title={t('operators.title')}>
        <p className="alert alert-info" data-testid="operators-central-only">
          {t('operators.centralOnly')}
        </p>
      </Page>
    );
  return <Operators myId={me.id} />;
}

function Operators({ myId }: { myId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const f = readFilters(params, FILTERS);
  const list = useLoad('operators', () => unwrap(api.GET('/ops/v1/operators')));
  const action = useAction();
  const [link, setLink] = useState<{ name: string; setupUrl: string; token?: string } | null>(null);
  const q = f.q.toLowerCase();
  const shown = (list.data ?? []).filter(
    (o) =>
      (!q || o.name.toLowerCase().includes(q)) &&
      (!f.role || o.role === f.role) &&
      (!f.state || (f.state === 'revoked') === (o.revokedAt !== null)),
  );

  const reset = async (o: Operator) => {
    if (!window.confirm(t('operators.resetConfirm', { name: o.name }))) return;
    setLink(null);
    const r = await action.run(
      () =>
        unwrap(api.POST('/ops/v1/operators/{id}/reset-second-factor', { params: { path: { id: o.id } } })),
      () => t('operators.resetDone', { name: o.name }),
    );
    if (r) setLink({ name: o.name, setupUrl: r.setupUrl });
  };
  const revoke = async (o: Operator) => {
    if (!window.confirm(t('operators.revokeConfirm', { name: o.name }))) return;
    const r = await action.run(
      () => unwrap(api.POST('/ops/v1/operators/{id}/revoke', { params: { path: { id: o.id } } })),
      () => t('operators.revoked', { name: o.name }),
    );
    if (r) list.reload();
  };

  return (
    <Page title={t('operators.title')}>
      <OperatorFilters key={params.toString()} />
      <ProblemAlert problem={list.problem} />
      <ActionFeedback action={action} />
      {link ? (
        <div className="panel" data-testid="operator-setup-link">
          <p>{t('operators.setupFor', { name: link.name })}</p>
          <OnceSecret label={t('operators.setupUrl')} value={link.setupUrl} testId="setup-url" />
          {link.token ? (
            <OnceSecret label={t('operators.token')} value={link.token} testId="operator-token" />
          ) : null}
        </div>
      ) : null}
      <Loading when={list.loading} />
      <DataTable
        testId="operators-table"
        columns={[
          t('operators.name'),
          t('operators.scope'),
          t('operators.createdAt'),
          t('operators.state'),
          t('common.actions'),
        ]}
        caption={t('operators.title')}
        empty={list.data && shown.length === 0}
      >
        {shown.map((o) => (
          <tr key={o.id} data-testid={`operator-row-${o.name}`}>
            <td>{o.name}</td>
            <td>
              {o.revokedAt ? (
                <>
                  {t(`operators.roles.${o.role}`)}
                  {o.prefecture ? (
                    <>
                      {' '}
                      · <Prefecture code={o.prefecture} />
                    </>
                  ) : null}
                </>
              ) : (
                <ScopeEditor o={o} disabled={o.id === myId} onSaved={list.reload} />
              )}
            </td>
            <td>
              <Instant value={o.createdAt} />
            </td>
            <td>
              {o.revokedAt ? (
                <>
                  {t('operators.revokedAt')} <Instant value={o.revokedAt} />
                </>
              ) : (
                <span className="badge badge-ok">{t('operators.active')}</span>
              )}
            </td>
            <td className="actions">
              {o.revokedAt ? null : (
                <>
                  <button
                    type="button"
                    className="button-secondary small"
                    disabled={action.busy}
                    onClick={() => void reset(o)}
                    data-testid={`operator-reset-${o.name}`}
                  >
                    {t('operators.reset')}
                  </button>
                  {o.id === myId ? null : (
                    <button
                      type="button"
                      className="button-danger small"
                      disabled={action.busy}
                      onClick={() => void revoke(o)}
                      data-testid={`operator-revoke-${o.name}`}
                    >
                      {t('operators.revoke')}
                    </button>
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <CreateOperator
        onCreated={(o) => {
          setLink({ name: o.name, setupUrl: o.setupUrl, token: o.token });
          list.reload();
        }}
      />
    </Page>
  );
}

function OperatorFilters() {
  const { t } = useTranslation();
  const filters = useQueryFilters(FILTERS);
  const f = filters.values;
  return (
    <FilterForm onApply={filters.apply} testId="operator-filters">
      <InputField
        id="operators-q"
        label={t('operators.name')}
        type="search"
        value={f.q}
        onValue={filters.set('q')}
      />
      <Field id="operators-role" label={t('operators.role')}>
        <select id="operators-role" value={f.role} onChange={(e) => filters.set('role')(e.target.value)}>
          <option value="">{t('common.all')}</option>
          <option value="central">{t('operators.roles.central')}</option>
          <option value="prefecture">{t('operators.roles.prefecture')}</option>
        </select>
      </Field>
      <Field id="operators-state" label={t('operators.state')}>
        <select id="operators-state" value={f.state} onChange={(e) => filters.set('state')(e.target.value)}>
          <option value="">{t('common.all')}</option>
          <option value="active">{t('operators.active')}</option>
          <option value="revoked">{t('operators.revokedState')}</option>
        </select>
      </Field>
    </FilterForm>
  );
}

function RoleFields({
  idPrefix,
  role,
  prefecture,
  onChange,
  disabled,
}: {
  idPrefix: string;
  role: Role;
  prefecture: string;
  onChange: (v: { role: Role; prefecture: string }) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${idPrefix}-role`} label={t('operators.role')}>
        <select
          id={`${idPrefix}-role`}
          value={role}
          disabled={disabled}
          onChange={(e) => onChange({ role: e.target.value as Role, prefecture })}
        >
          <option value="prefecture">{t('operators.roles.prefecture')}</option>
          <option value="central">{t('operators.roles.central')}</option>
        </select>
      </Field>
      {role === 'prefecture' ? (
        <Field id={`${idPrefix}-prefecture`} label={t('common.prefecture')}>
          <PrefectureSelect
            id={`${idPrefix}-prefecture`}
            value={prefecture}
            fixed={null}
            allowAll={false}
            required
            onChange={(p) => onChange({ role, prefecture: p })}
            testId={`${idPrefix}-prefecture`}
          />
        </Field>
      ) : null}
    </>
  );
}

function ScopeEditor({ o, disabled, onSaved }: { o: Operator; disabled: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [v, setV] = useState({ role: o.role, prefecture: o.prefecture ?? '' });
  const changed = v.role !== o.role || (v.role === 'prefecture' && v.prefecture !== (o.prefecture ?? ''));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = v.role === 'central' ? { role: v.role } : { role: v.role, prefecture: v.prefecture };
    const r = await action.run(
      () => unwrap(api.PATCH('/ops/v1/operators/{id}', { params: { path: { id: o.id } }, body })),
      () => t('operators.saved', { name: o.name }),
    );
    if (r) onSaved();
  };
  return (
    <form
      className="form inline compact"
      onSubmit={(e) => void save(e)}
      data-testid={`operator-scope-${o.name}`}
    >
      <RoleFields
        idPrefix={`scope-${o.id}`}
        role={v.role}
        prefecture={v.prefecture}
        onChange={setV}
        disabled={disabled}
      />
      {disabled ? null : (
        <button type="submit" className="button-secondary small" disabled={action.busy || !changed}>
          {t('common.save')}
        </button>
      )}
      <ActionFeedback action={action} />
    </form>
  );
}

function CreateOperator({
  onCreated,
}: {
  onCreated: (o: { name: string; setupUrl: string; token: string }) => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [form, setForm] = useState({ name: '', role: 'prefecture' as Role, prefecture: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body =
      form.role === 'central'
        ? { name: form.name, role: form.role }
        : { name: form.name, role: form.role, prefecture: form.prefecture };
    const created = await action.run(
      () => unwrap(api.POST('/ops/v1/operators', { body })),
      (o) => t('operators.created', { name: o.name }),
    );
    if (created) {
      setForm({ name: '', role: 'prefecture', prefecture: '' });
      onCreated(created);
    }
  };
  return (
    <FormPanel
      title={t('operators.create')}
      titleId="operator-create-title"
      action={action}
      onSubmit={submit}
      testId="operator-create-form"
    >
      <InputField
        id="operator-name"
        label={t('operators.name')}
        required
        autoComplete="off"
        value={form.name}
        onValue={(v) => setForm({ ...form, name: v })}
      />
      <RoleFields
        idPrefix="operator-new"
        role={form.role}
        prefecture={form.prefecture}
        onChange={(v) => setForm({ ...form, ...v })}
      />
      <SubmitButton busy={action.busy} testId="operator-create-submit">
        {t('operators.createSubmit')}
      </SubmitButton>
    </FormPanel>
  );
}
