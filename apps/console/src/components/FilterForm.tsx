// A list's filters live in its query string (lib/paging): the form edits a draft and writes it on apply.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { filterParams, readFilters } from '../lib/paging';

export interface QueryFilters<K extends string> {
  /** The draft, from the query string ('' when absent) until edited. */
  values: Record<K, string>;
  /** A setter of one filter, for a field's onValue. */
  set: (key: K) => (value: string) => void;
  /** Writes the draft to the query string, from the first page. */
  apply: () => void;
}

/**
 * The draft of a filter form over these query-string keys. `initial` overrides what is read (defaults a page
 * shows); `toQuery` shapes what is written (keys dropped, others reset). Key the form by the query string so
 * navigation starts a new draft.
 */
export function useQueryFilters<K extends string>(
  keys: readonly K[],
  options: {
    initial?: Partial<Record<K, string>>;
    toQuery?: (values: Record<K, string>) => Record<string, string | undefined>;
  } = {},
): QueryFilters<K> {
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState(() => ({ ...readFilters(params, keys), ...options.initial }));
  const set = (key: K) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const apply = () => setParams(filterParams(params, options.toQuery ? options.toQuery(values) : values));
  return { values, set, apply };
}

/** The search form of a list: its fields, then the button that applies them. */
export function FilterForm({
  onApply,
  testId,
  applyTestId,
  applyLabel,
  children,
}: {
  onApply: () => void;
  testId: string;
  applyTestId?: string;
  /** The button's text; "Apply" unless told. */
  applyLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  return (
    <form
      role="search"
      className="filters"
      onSubmit={submit}
      aria-label={t('common.filters')}
      data-testid={testId}
    >
      {children}
      <button type="submit" data-testid={applyTestId}>
        {applyLabel ?? t('common.apply')}
      </button>
    </form>
  );
}
