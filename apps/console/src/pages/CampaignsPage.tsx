import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../api/client';
import { ActionFeedback, Loading, ProblemAlert } from '../components/Feedback';
import { DateField, InputField } from '../components/Field';
import { FilterForm, useQueryFilters } from '../components/FilterForm';
import { DataTable } from '../components/DataTable';
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
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
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
    <section className="panel" aria-labelledby="campaign-add-title">
      <h2 id="campaign-add-title">{t('campaigns.add')}</h2>
      <ActionFeedback action={action} />
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="campaign-add-form">
        <div className="field">
          <label htmlFor="campaign-code">{t('campaigns.code')}</label>
          <input
            id="campaign-code"
            className="mono"
            required
            pattern="[A-Z0-9_]{2,40}"
            aria-describedby="campaign-code-hint"
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })}
          />
          <p className="hint" id="campaign-code-hint">
            {t('campaigns.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="campaign-name-ja">{t('campaigns.nameJa')}</label>
          <input
            id="campaign-name-ja"
            required
            maxLength={200}
            value={form.nameJa}
            onChange={set('nameJa')}
          />
        </div>
        <div className="field">
          <label htmlFor="campaign-name-en">{t('campaigns.nameEn')}</label>
          <input
            id="campaign-name-en"
            lang="en"
            required
            maxLength={200}
            value={form.nameEn}
            onChange={set('nameEn')}
          />
        </div>
        <div className="field">
          <label htmlFor="campaign-from">{t('campaigns.appliesFrom')}</label>
          <input
            id="campaign-from"
            type="date"
            required
            value={form.appliesFrom}
            onChange={set('appliesFrom')}
          />
        </div>
        <div className="field">
          <label htmlFor="campaign-to">{t('campaigns.appliesTo')}</label>
          <input id="campaign-to" type="date" required value={form.appliesTo} onChange={set('appliesTo')} />
        </div>
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
            <div className="field">
              <label htmlFor="campaign-months">{t('campaigns.months')}</label>
              <input
                id="campaign-months"
                type="number"
                min={1}
                max={120}
                required
                className="short"
                value={form.freeMonths}
                onChange={set('freeMonths')}
              />
            </div>
          ) : (
            <>
              <div className="field">
                <label htmlFor="campaign-free-from">{t('campaigns.freeFrom')}</label>
                <input
                  id="campaign-free-from"
                  type="date"
                  required
                  value={form.freeFrom}
                  onChange={set('freeFrom')}
                />
              </div>
              <div className="field">
                <label htmlFor="campaign-free-to">{t('campaigns.freeTo')}</label>
                <input
                  id="campaign-free-to"
                  type="date"
                  required
                  value={form.freeTo}
                  onChange={set('freeTo')}
                />
              </div>
            </>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="campaign-priority">{t('campaigns.priority')}</label>
          <input
            id="campaign-priority"
            type="number"
            min={0}
            max={10000}
            className="short"
            value={form.priority}
            onChange={set('priority')}
          />
        </div>
        <button type="submit" disabled={action.busy} data-testid="campaign-add-submit">
          {action.busy ? t('common.working') : t('campaigns.addSubmit')}
        </button>
      </form>
    </section>
  );
}
