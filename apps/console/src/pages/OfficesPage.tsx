import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { Field, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { FormPanel, SubmitButton } from '../components/FormPanel';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { PrefectureSelect } from '../components/PrefectureSelect';
import { Instant, Mono, Prefecture } from '../components/Values';
import { useAction, useLoad } from '../lib/hooks';
import { normalizeOfficeNumber, officeNumberState } from '../lib/office-number';
import { readFilters, readPage } from '../lib/paging';
import { useSignedIn } from '../session/session';

type Office = Schemas['OfficeDto'];
const FILTERS = ['prefecture', 'number', 'name', 'district'] as const;

/**
 * Offices of the operator's prefecture, searched by the server (GET /ops/v1/offices: number prefix, name in part,
 * prefecture, district); an office number opens that office directly.
 */
export function OfficesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const page = readPage(params);
  const f = readFilters(params, FILTERS);
  const query = {
    prefecture: operator.prefecture ?? (f.prefecture || undefined),
    number: f.number ? f.number.toUpperCase() : undefined,
    name: f.name || undefined,
    district: f.district ? f.district.padStart(2, '0') : undefined,
    cursor: page.cursor,
    limit: page.limit,
  };
  const offices = useLoad(params.toString(), () => unwrap(api.GET('/ops/v1/offices', { params: { query } })));
  const shown = offices.data?.items ?? [];

  return (
    <Page title={t('offices.title')}>
      <OfficeFilters key={params.toString()} fixedPrefecture={operator.prefecture} />
      <GoToOffice />
      <ProblemAlert problem={offices.problem} />
      <Loading when={offices.loading} />
      <DataTable
        testId="offices-table"
        columns={[
          t('offices.number'),
          t('offices.name'),
          t('offices.kind'),
          t('common.prefecture'),
          t('offices.district'),
          t('offices.state'),
          t('offices.createdAt'),
        ]}
        caption={t('offices.title')}
        busy={offices.loading}
        empty={offices.data && shown.length === 0}
      >
        {shown.map((o) => (
          <OfficeRow key={o.officeNumber} o={o} />
        ))}
      </DataTable>
      <Pager nextCursor={offices.data?.nextCursor} />
      <RegisterOffice onRegistered={offices.reload} />
    </Page>
  );
}

function OfficeRow({ o }: { o: Office }) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`office-row-${o.officeNumber}`}>
      <td>
        <Link to={`/offices/${o.officeNumber}`}>
          <Mono>{o.officeNumber}</Mono>
        </Link>
      </td>
      <td>{o.name}</td>
      <td>{o.kind}</td>
      <td>
        <Prefecture code={o.prefecture} />
      </td>
      <td>
        <Mono>{o.district}</Mono>
      </td>
      <td>
        <span className={`badge ${o.active ? 'badge-ok' : 'badge-muted'}`}>
          {o.active ? t('offices.active') : t('offices.inactive')}
        </span>{' '}
        {o.listed ? <span className="badge badge-muted">{t('offices.listed')}</span> : null}
      </td>
      <td>
        <Instant value={o.createdAt} />
      </td>
    </tr>
  );
}

function OfficeFilters({ fixedPrefecture }: { fixedPrefecture: string | null }) {
  const { t } = useTranslation();
  const filters = useQueryFilters(FILTERS);
  const f = filters.values;
  return (
    <FilterForm onApply={filters.apply} testId="office-filters" applyTestId="office-filters-apply">
      <Field id="offices-prefecture" label={t('common.prefecture')}>
        <PrefectureSelect
          id="offices-prefecture"
          value={f.prefecture}
          fixed={fixedPrefecture}
          onChange={filters.set('prefecture')}
        />
      </Field>
      <InputField
        id="offices-number"
        label={t('offices.numberPrefix')}
        className="mono"
        maxLength={10}
        autoComplete="off"
        value={f.number}
        onValue={filters.set('number')}
      />
      <InputField
        id="offices-district"
        label={t('offices.district')}
        className="mono short"
        inputMode="numeric"
        maxLength={2}
        value={f.district}
        onValue={filters.set('district')}
      />
      <InputField
        id="offices-name"
        label={t('offices.name')}
        maxLength={100}
        value={f.name}
        onValue={filters.set('name')}
      />
    </FilterForm>
  );
}

function GoToOffice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [no, setNo] = useState('');
  const state = officeNumberState(no);
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        if (state === 'valid') void navigate(`/offices/${normalizeOfficeNumber(no)}`);
      }}
      data-testid="office-go"
    >
      <OfficeNumberField id="offices-go" label={t('offices.goTo')} value={no} onValue={setNo} />
      <button type="submit" className="button-secondary" disabled={state !== 'valid'}>
        {t('offices.open')}
      </button>
    </form>
  );
}

/** An office number as it is typed, its check digit judged live (the hint below says what is wrong). */
function OfficeNumberField({
  id,
  label,
  value,
  onValue,
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  required?: boolean;
  autoComplete?: string;
}) {
  const state = officeNumberState(value);
  return (
    <InputField
      id={id}
      label={label}
      className="mono"
      {...input}
      maxLength={10}
      value={value}
      aria-describedby={`${id}-state`}
      aria-invalid={state === 'check-digit' || state === 'malformed'}
      onValue={onValue}
    >
      <OfficeNumberHint id={`${id}-state`} state={state} />
    </InputField>
  );
}

export function OfficeNumberHint({ id, state }: { id: string; state: ReturnType<typeof officeNumberState> }) {
  const { t } = useTranslation();
  const text =
    state === 'valid'
      ? t('officeNumber.valid')
      : state === 'check-digit'
        ? t('officeNumber.checkDigit')
        : state === 'malformed'
          ? t('officeNumber.malformed')
          : t('officeNumber.hint');
  const bad = state === 'check-digit' || state === 'malformed';
  return (
    <p
      id={id}
      className={bad ? 'hint hint-error' : state === 'valid' ? 'hint hint-ok' : 'hint'}
      aria-live="polite"
      data-testid={`${id}`}
      data-state={state}
    >
      {text}
    </p>
  );
}

function RegisterOffice({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const formId = useId();
  const [form, setForm] = useState({ officeNumber: '', name: '', kind: '' });
  const state = officeNumberState(form.officeNumber);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state !== 'valid') return;
    const created = await action.run(
      () =>
        unwrap(
          api.POST('/ops/v1/offices', {
            body: { ...form, officeNumber: normalizeOfficeNumber(form.officeNumber) },
          }),
        ),
      (o) => t('offices.registered', { number: o.officeNumber, name: o.name }),
    );
    if (created) {
      setForm({ officeNumber: '', name: '', kind: '' });
      onRegistered();
    }
  };
  return (
    <FormPanel
      title={t('offices.register')}
      titleId={`${formId}-title`}
      action={action}
      onSubmit={submit}
      testId="office-register-form"
    >
      <OfficeNumberField
        id="register-number"
        label={t('offices.number')}
        required
        autoComplete="off"
        value={form.officeNumber}
        onValue={(officeNumber) => setForm({ ...form, officeNumber })}
      />
      <InputField
        id="register-name"
        label={t('offices.name')}
        required
        maxLength={200}
        value={form.name}
        onValue={(v) => setForm({ ...form, name: v })}
      />
      <InputField
        id="register-kind"
        label={t('offices.kind')}
        required
        maxLength={50}
        list="office-kinds"
        value={form.kind}
        onValue={(v) => setForm({ ...form, kind: v })}
      >
        <datalist id="office-kinds">
          <option value="居宅介護支援" />
          <option value="訪問介護" />
          <option value="通所介護" />
          <option value="訪問看護" />
          <option value="福祉用具貸与" />
        </datalist>
      </InputField>
      <SubmitButton busy={action.busy} disabled={state !== 'valid'} testId="office-register-submit">
        {t('offices.registerSubmit')}
      </SubmitButton>
    </FormPanel>
  );
}
