import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { PREFECTURE_CODES, prefectureLabel } from '../lib/prefectures';

/**
 * Picks a prefecture. A prefecture operator sees only their own (the API scopes them anyway), so the control
 * shows it fixed; `allowAll` offers "every prefecture" to central administrators.
 */
export function PrefectureSelect({
  id,
  value,
  onChange,
  fixed,
  allowAll = true,
  required = false,
  testId = 'prefecture',
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  /** The operator's own prefecture, when they are limited to it. */
  fixed: string | null;
  allowAll?: boolean;
  required?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (fixed)
    return (
      <select id={id} value={fixed} disabled data-testid={testId}>
        <option value={fixed}>{prefectureLabel(fixed, lang)}</option>
      </select>
    );
  return (
    <select
      id={id}
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    >
      {allowAll ? (
        <option value="">{t('common.allPrefectures')}</option>
      ) : (
        <option value="">{t('common.choose')}</option>
      )}
      {PREFECTURE_CODES.map((code) => (
        <option key={code} value={code}>
          {prefectureLabel(code, lang)}
        </option>
      ))}
    </select>
  );
}
