import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Loading, ProblemAlert } from '../components/Feedback';
import { DateField, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { FormPanel, SubmitButton } from '../components/FormPanel';
import { Page } from '../components/Page';
import { Day, Mono } from '../components/Values';
import { useLang } from '../i18n';
import { useAction, useLoad } from '../lib/hooks';
import { readFilters } from '../lib/paging';
import { useSignedIn } from '../session/session';

type Campaign = Schemas['CampaignDto'];
const FILTERS = ['q', 'on'] as const;

/** Fee waivers: the list (the API answers it whole; filtered here) and, for central administrators, a new one. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const { operator } = useSignedIn();
  const f = readFilters(params, FILTERS);
  const campaigns = useLoad('campaigns', () => unwrap(api.GET('/ops/v1/campaigns')));
  const q = f.q.toLowerCase();
  const shown = (campaigns.data ?? []).filter(
    (c) =>
      (!q ||
        c.code.toLowerCase().includes(q) ||
        c.nameJa.includes(f.q) ||
        c.nameEn.toLowerCase().includes(q)) &&
      (!f.on || (c.appliesFrom <= f.on && f.on <= c.appliesTo)),
  );
  return (
    <Page title={t('campaigns.title')}>
      <CampaignFilters key={params.toString()} />
      <ProblemAlert problem={campaigns.problem} />
      <Loading when={campaigns.loading} />
      <DataTable
        testId="campaigns-table"
        columns={[
          t('campaigns.code'),
          t('campaigns.name'),
          t('campaigns.applies'),
          t('campaigns.free'),
          t('campaigns.priority'),
        ]}
        caption={t('campaigns.title')}
        empty={campaigns.data && shown.length === 0}
      >
        {shown.map((c) => (
          <tr key={c.code} data-testid={`campaign-row-${c.code}`}>
            <td>
              <Mono>{c.code}</Mono>
            </td>
            <td>{lang === 'ja' ? c.nameJa : c.nameEn}</td>
            <td>
              <Day value={c.appliesFrom} /> – <Day value={c.appliesTo} />
            </td>
            <td>
              <FreePeriod c={c} />
            </td>
            <td className="num">{c.priority}</td>
          </tr>
        ))}
      </DataTable>
      {operator.role === 'central' ? <AddCampaign onAdded={campaigns.reload} /> : null}
    </Page>
  );
}

function FreePeriod({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  if (c.freeMonths !== null) return <>{t('campaigns.freeMonths', { count: c.freeMonths })}</>;
  if (c.freeFrom && c.freeTo)
    return (
      <>
        <Day value={c.freeFrom} /> – <Day value={c.freeTo} />
      </>
    );
  return <>—</>;
}

function CampaignFilters() {
  const { t } = useTranslation();
  const filters = useQueryFilters(FILTERS);
  return (
    <FilterForm onApply={filters.apply} testId="campaign-filters">
      <InputField
        id="campaigns-q"
        label={t('campaigns.search')}
        type="search"
        value={filters.values.q}
        onValue={filters.set('q')}
      />
      <DateField
        id="campaigns-on"
        label={t('campaigns.appliesOn')}
        value={filters.values.on}
        onValue={filters.set('on')}
      />
    </FilterForm>
  );
}

const EMPTY = {
  code: '',
  nameJa: '',
  nameEn: '',
  appliesFrom: '',
  appliesTo: '',
  freeKind: 'months' as 'months' | 'period',
  freeMonths: '',
  freeFrom: '',
  freeTo: '',
  priority: '',
};

function AddCampaign({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [form, setForm] = useState(EMPTY);
  const set = (k: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [k]: value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Schemas['CreateCampaignDto'] = {
      code: form.code.trim(),
      nameJa: form.nameJa,
      nameEn: form.nameEn,
      appliesFrom: form.appliesFrom,
      appliesTo: form.appliesTo,
      ...(form.freeKind === 'months'
        ? { freeMonths: Number(form.freeMonths) }
        : { freeFrom: form.freeFrom, freeTo: form.freeTo }),
      ...(form.priority ? { priority: Number(form.priority) } : {}),
    };
    const added = await action.run(
      () => unwrap(api.POST('/ops/v1/campaigns', { body })),
      (c) => t('campaigns.added', { code: c.code }),
    );
    if (added) {
      setForm(EMPTY);
      onAdded();
    }
  };
  return (
    <FormPanel
      title={t('campaigns.add')}
      titleId="campaign-add-title"
      action={action}
      onSubmit={submit}
      testId="campaign-add-form"
    >
      <InputField
        id="campaign-code"
        label={t('campaigns.code')}
        hint={t('campaigns.codeHint')}
        className="mono"
        required
        pattern="[A-Z0-9_]{2,40}"
        value={form.code}
        onValue={(v) => setForm({ ...form, code: v.toUpperCase() })}
      />
      <InputField
        id="campaign-name-ja"
        label={t('campaigns.nameJa')}
        required
        maxLength={200}
        value={form.nameJa}
        onValue={set('nameJa')}
      />
      <InputField
        id="campaign-name-en"
        label={t('campaigns.nameEn')}
        lang="en"
        required
        maxLength={200}
        value={form.nameEn}
        onValue={set('nameEn')}
      />
      <DateField
        id="campaign-from"
        label={t('campaigns.appliesFrom')}
        required
        value={form.appliesFrom}
        onValue={set('appliesFrom')}
      />
      <DateField
        id="campaign-to"
        label={t('campaigns.appliesTo')}
        required
        value={form.appliesTo}
        onValue={set('appliesTo')}
      />
      <fieldset className="field">
        <legend>{t('campaigns.free')}</legend>
        <div className="checkbox">
          <input
            id="campaign-free-months"
            type="radio"
            name="free-kind"
            checked={form.freeKind === 'months'}
            onChange={() => setForm({ ...form, freeKind: 'months' })}
          />
          <label htmlFor="campaign-free-months">{t('campaigns.freeKindMonths')}</label>
        </div>
        <div className="checkbox">
          <input
            id="campaign-free-period"
            type="radio"
            name="free-kind"
            checked={form.freeKind === 'period'}
            onChange={() => setForm({ ...form, freeKind: 'period' })}
          />
          <label htmlFor="campaign-free-period">{t('campaigns.freeKindPeriod')}</label>
        </div>
        {form.freeKind === 'months' ? (
          <InputField
            id="campaign-months"
            label={t('campaigns.months')}
            type="number"
            min={1}
            max={120}
            required
            className="short"
            value={form.freeMonths}
            onValue={set('freeMonths')}
          />
        ) : (
          <>
            <DateField
              id="campaign-free-from"
              label={t('campaigns.freeFrom')}
              required
              value={form.freeFrom}
              onValue={set('freeFrom')}
            />
            <DateField
              id="campaign-free-to"
              label={t('campaigns.freeTo')}
              required
              value={form.freeTo}
              onValue={set('freeTo')}
            />
          </>
        )}
      </fieldset>
      <InputField
        id="campaign-priority"
        label={t('campaigns.priority')}
        type="number"
        min={0}
        max={10000}
        className="short"
        value={form.priority}
        onValue={set('priority')}
      />
      <SubmitButton busy={action.busy} testId="campaign-add-submit">
        {t('campaigns.addSubmit')}
      </SubmitButton>
    </FormPanel>
  );
}
