import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';

/** Switches between Japanese and English; the button is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const lang = useLang();
  const other = lang === 'ja' ? 'en' : 'ja';
  return (
    <button
      type="button"
      className="button-secondary lang-switch"
      lang={other}
      onClick={() => void i18n.changeLanguage(other)}
      data-testid="lang-switch"
    >
      {other === 'en' ? 'English' : '日本語'}
    </button>
  );
}
