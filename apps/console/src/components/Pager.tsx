import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LIMITS, limitParams, nextPageParams, previousPageParams, readPage } from '../lib/paging';

/** Previous / next page and page size of a cursor-paged list, all in the query string. */
export function Pager({
  nextCursor,
  defaultLimit,
  sizes = true,
}: {
  nextCursor: string | null | undefined;
  /** The list's page size when the query string names none (as the page reads it). */
  defaultLimit?: number;
  sizes?: boolean;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = readPage(params, defaultLimit);
  const id = useId();
  return (
    <nav className="pager" aria-label={t('pager.label')} data-testid="pager">
      <button
        type="button"
        className="button-secondary"
        disabled={!page.hasPrevious}
        onClick={() => setParams(previousPageParams(params))}
        data-testid="pager-prev"
      >
        {t('pager.previous')}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && setParams(nextPageParams(params, nextCursor))}
        data-testid="pager-next"
      >
        {t('pager.next')}
      </button>
      {sizes ? (
        <span className="pager-size">
          <label htmlFor={id}>{t('pager.size')}</label>
          <select
            id={id}
            value={page.limit}
            onChange={(e) => setParams(limitParams(params, Number(e.target.value)))}
            data-testid="pager-size"
          >
            {LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </span>
      ) : null}
    </nav>
  );
}
