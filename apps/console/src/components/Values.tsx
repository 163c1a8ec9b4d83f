// Inline values written the one way the console writes them.
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { formatCount, formatDate, formatInstant, formatYen } from '../lib/format';
import { prefectureLabel } from '../lib/prefectures';

/** Office numbers, 被保険者番号, keys, ids: monospace, so digits line up and read one by one. */
export function Mono({ children, testId }: { children: string | null | undefined; testId?: string }) {
  return (
    <span className="mono" data-testid={testId}>
      {children ?? '—'}
    </span>
  );
}

export function Instant({ value }: { value: string | null | undefined }) {
  const lang = useLang();
  return value ? <time dateTime={value}>{formatInstant(value, lang)}</time> : <>—</>;
}

export function Day({ value }: { value: string | null | undefined }) {
  const lang = useLang();
  return value ? <time dateTime={value}>{formatDate(value, lang)}</time> : <>—</>;
}

export function Yen({ value }: { value: number }) {
  return <span className="num">{formatYen(value)}</span>;
}

export function Count({ value }: { value: number }) {
  const lang = useLang();
  return <span className="num">{formatCount(value, lang)}</span>;
}

export function Prefecture({ code }: { code: string | null | undefined }) {
  const lang = useLang();
  const { t } = useTranslation();
  return <>{code ? prefectureLabel(code, lang) : t('common.allPrefectures')}</>;
}
