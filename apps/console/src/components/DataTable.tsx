// The one way a list is tabled: a caption for screen readers, column headers, the rows, and a row saying there
// are none once the list has loaded empty.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function DataTable({
  testId,
  caption,
  columns,
  busy,
  empty,
  emptyText,
  children,
}: {
  testId?: string;
  /** Read to screen readers only (the page's heading already names the list). */
  caption?: string;
  /** The header cells' contents, in order; the "none" row spans them all. */
  columns: readonly ReactNode[];
  /** aria-busy while a load runs (the rows shown are the earlier ones). */
  busy?: boolean;
  /** The list has loaded and has no rows (a table that always has rows leaves it out). */
  empty?: boolean;
  /** What the "none" row says; "No rows" unless told. */
  emptyText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table data-testid={testId} aria-busy={busy}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {children}
        {empty ? (
          <tr>
            <td colSpan={columns.length} className="muted">
              {emptyText ?? t('common.noRows')}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
